"""area_meetings

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('organiser_user_id', sa.Integer(), nullable=False),
    sa.Column('every_weeks', sa.Integer(), nullable=False),
    sa.Column('first_on', sa.Date(), nullable=False),
    sa.Column('at_time', sa.Time(), nullable=False),
    sa.Column('place', sa.Text(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('ended_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], ),
    sa.ForeignKeyConstraint(['organiser_user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_organiser_user_id'), ['organiser_user_id'],
                              unique=False)
    op.create_table('meetinginvitee',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.PrimaryKeyConstraint('meeting_id', 'contact_id')
    )
    with op.batch_alter_table('meetinginvitee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetinginvitee_contact_id'), ['contact_id'],
                              unique=False)
    op.create_table('meetingoccurrence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('starts_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('cancelled_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('logged_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('interaction_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['interaction_id'], ['interaction.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting_id', 'held_on')
    )
    with op.batch_alter_table('meetingoccurrence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetingoccurrence_meeting_id'), ['meeting_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('meetingoccurrence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetingoccurrence_meeting_id'))
    op.drop_table('meetingoccurrence')
    with op.batch_alter_table('meetinginvitee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetinginvitee_contact_id'))
    op.drop_table('meetinginvitee')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_organiser_user_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_area_id'))
    op.drop_table('meeting')
