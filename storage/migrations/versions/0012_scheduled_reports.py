"""scheduled_reports

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types


revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('reportsubscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('created_by_user_id', sa.Integer(), nullable=True),
    sa.Column('ended_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'period')
    )
    with op.batch_alter_table('reportsubscription', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reportsubscription_user_id'), ['user_id'],
                              unique=False)
    op.create_table('reportrequest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('made_for', storage.types.UTCDateTime(), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['subscription_id'], ['reportsubscription.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reportrequest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reportrequest_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('reportrequest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reportrequest_user_id'))
    op.drop_table('reportrequest')
    with op.batch_alter_table('reportsubscription', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reportsubscription_user_id'))
    op.drop_table('reportsubscription')
