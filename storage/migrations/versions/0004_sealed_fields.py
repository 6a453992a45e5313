"""sealed fields: ciphertext needs text columns, and the key check

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, type before, nullable): every sealed column that had a length limit.
_WIDENED = [
    ('contact', 'display_name', sqlmodel.sql.sqltypes.AutoString(length=200), False),
    ('contact', 'phone', sqlmodel.sql.sqltypes.AutoString(length=40), True),
    ('contact', 'email', sqlmodel.sql.sqltypes.AutoString(length=200), True),
    ('interaction', 'summary', sqlmodel.sql.sqltypes.AutoString(), False),
    ('interaction', 'shared', sqlmodel.sql.sqltypes.AutoString(), False),
    ('interaction', 'asked', sqlmodel.sql.sqltypes.AutoString(), False),
    ('followup', 'title', sqlmodel.sql.sqltypes.AutoString(), False),
    ('triggerevent', 'title', sqlmodel.sql.sqltypes.AutoString(length=200), False),
    ('signal', 'facts', sqlmodel.sql.sqltypes.AutoString(), False),
    ('signal', 'interpretation', sqlmodel.sql.sqltypes.AutoString(), False),
    ('signal', 'counter_signals', sqlmodel.sql.sqltypes.AutoString(), False),
    ('signalstatuschange', 'reason', sqlmodel.sql.sqltypes.AutoString(), False),
    ('areatension', 'justification', sqlmodel.sql.sqltypes.AutoString(), False),
    ('referral', 'facts', sqlmodel.sql.sqltypes.AutoString(), False),
    ('referral', 'external_reference', sqlmodel.sql.sqltypes.AutoString(length=40), True),
]


def upgrade() -> None:
    op.create_table('keycheck',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_id', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('sealed', sa.Text(), nullable=False),
    sa.Column('updated_at', storage.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    for table, column, before, nullable in _WIDENED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=before, type_=sa.Text(),
                                  existing_nullable=nullable)


def downgrade() -> None:
    for table, column, before, nullable in reversed(_WIDENED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.Text(), type_=before,
                                  existing_nullable=nullable)
    op.drop_table('keycheck')
