"""audit_chain: every audit entry in a keyed hash chain, and the chain's head

Entries already there are numbered in id order; they are chained under the key by the first
append after the upgrade (core.audit), since a migration has no key.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('auditevent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=False, server_default=''))
    op.execute(
        "UPDATE auditevent SET seq = "
        "(SELECT COUNT(*) FROM auditevent AS earlier WHERE earlier.id <= auditevent.id)"
    )
    with op.batch_alter_table('auditevent', schema=None) as batch_op:
        batch_op.alter_column('prev_hash', existing_type=sqlmodel.sql.sqltypes.AutoString(64),
                              existing_nullable=False, server_default=None)
        batch_op.alter_column('hash', existing_type=sqlmodel.sql.sqltypes.AutoString(64),
                              existing_nullable=False, server_default=None)
        batch_op.create_index(batch_op.f('ix_auditevent_seq'), ['seq'], unique=True)

    head = op.create_table('audithead',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('mac', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    # An empty mac marks a chain not yet begun; the first append takes the entries above in.
    op.bulk_insert(head, [{'id': 1, 'entries': 0, 'hash': '', 'mac': ''}])


def downgrade() -> None:
    op.drop_table('audithead')
    with op.batch_alter_table('auditevent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditevent_seq'))
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')
