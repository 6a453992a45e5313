"""partners

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_user_contact_id'), ['contact_id'], unique=False)
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_invite_contact_id_contact', 'contact',
                                    ['contact_id'], ['id'])
    op.create_table('partnerquestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('asked_by_user_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('asked_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('answered_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('answered_by_user_id', sa.Integer(), nullable=True),
    sa.Column('interaction_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['asked_by_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], ),
    sa.ForeignKeyConstraint(['interaction_id'], ['interaction.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('partnerquestion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnerquestion_contact_id'), ['contact_id'],
                              unique=False)
    op.create_table('broadcast',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('network', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('organisation_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('created_by_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], ),
    sa.ForeignKeyConstraint(['created_by_user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('broadcastrecipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('broadcast_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('settled_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('interaction_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['broadcast_id'], ['broadcast.id'], ),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], ),
    sa.ForeignKeyConstraint(['interaction_id'], ['interaction.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('broadcast_id', 'contact_id')
    )
    with op.batch_alter_table('broadcastrecipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_broadcastrecipient_broadcast_id'), ['broadcast_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_broadcastrecipient_contact_id'), ['contact_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('broadcastrecipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_broadcastrecipient_contact_id'))
        batch_op.drop_index(batch_op.f('ix_broadcastrecipient_broadcast_id'))
    op.drop_table('broadcastrecipient')
    op.drop_table('broadcast')
    with op.batch_alter_table('partnerquestion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partnerquestion_contact_id'))
    op.drop_table('partnerquestion')
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.drop_constraint('fk_invite_contact_id_contact', type_='foreignkey')
        batch_op.drop_column('contact_id')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_contact_id'))
        batch_op.drop_column('contact_id')
