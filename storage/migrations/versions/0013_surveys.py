"""surveys

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('survey',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('surveyquestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('optional', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('surveyquestion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_surveyquestion_survey_id'), ['survey_id'],
                              unique=False)
    op.create_table('surveyschedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('network', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('organisation_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('cron', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('deadline_days', sa.Integer(), nullable=False),
    sa.Column('next_run_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('created_by_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('ended_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], ),
    sa.ForeignKeyConstraint(['created_by_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('surveyschedule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_surveyschedule_next_run_at'), ['next_run_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_surveyschedule_survey_id'), ['survey_id'],
                              unique=False)
    op.create_table('surveyround',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('network', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('organisation_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('opened_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('deadline', storage.types.UTCDateTime(), nullable=False),
    sa.Column('closed_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('created_by_user_id', sa.Integer(), nullable=True),
    sa.Column('schedule_id', sa.Integer(), nullable=True),
    sa.Column('scheduled_for', storage.types.UTCDateTime(), nullable=True),
    sa.Column('loop_broadcast_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], ),
    sa.ForeignKeyConstraint(['created_by_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['loop_broadcast_id'], ['broadcast.id'], ),
    sa.ForeignKeyConstraint(['schedule_id'], ['surveyschedule.id'], ),
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('schedule_id', 'scheduled_for')
    )
    with op.batch_alter_table('surveyround', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_surveyround_closed_at'), ['closed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_surveyround_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_surveyround_survey_id'), ['survey_id'], unique=False)
    op.create_table('surveyparticipant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('network', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('finished_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('reminded_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], ),
    sa.ForeignKeyConstraint(['round_id'], ['surveyround.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('round_id', 'contact_id')
    )
    with op.batch_alter_table('surveyparticipant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_surveyparticipant_contact_id'), ['contact_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_surveyparticipant_round_id'), ['round_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_surveyparticipant_user_id'), ['user_id'],
                              unique=False)
    op.create_table('surveyanswer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('scale', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('answered_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['surveyparticipant.id'], ),
    sa.ForeignKeyConstraint(['question_id'], ['surveyquestion.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('participant_id', 'question_id')
    )
    with op.batch_alter_table('surveyanswer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_surveyanswer_participant_id'), ['participant_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('surveyanswer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_surveyanswer_participant_id'))
    op.drop_table('surveyanswer')
    with op.batch_alter_table('surveyparticipant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_surveyparticipant_user_id'))
        batch_op.drop_index(batch_op.f('ix_surveyparticipant_round_id'))
        batch_op.drop_index(batch_op.f('ix_surveyparticipant_contact_id'))
    op.drop_table('surveyparticipant')
    with op.batch_alter_table('surveyround', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_surveyround_survey_id'))
        batch_op.drop_index(batch_op.f('ix_surveyround_deadline'))
        batch_op.drop_index(batch_op.f('ix_surveyround_closed_at'))
    op.drop_table('surveyround')
    with op.batch_alter_table('surveyschedule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_surveyschedule_survey_id'))
        batch_op.drop_index(batch_op.f('ix_surveyschedule_next_run_at'))
    op.drop_table('surveyschedule')
    with op.batch_alter_table('surveyquestion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_surveyquestion_survey_id'))
    op.drop_table('surveyquestion')
    op.drop_table('survey')
