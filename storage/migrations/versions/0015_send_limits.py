"""send_limits: per-second send counts, the journal's chat key, owed outbox index

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sendwindow',
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('window', sa.BigInteger(), nullable=False),
    sa.Column('sends', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'window')
    )
    with op.batch_alter_table('processedupdate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chat_key', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_processedupdate_chat_key'), ['chat_key'],
                              unique=False)
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_owed_user', ['user_id', 'id'], unique=False,
                              postgresql_where=sa.text('sent_at IS NULL AND failed_at IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_owed_user',
                            postgresql_where=sa.text('sent_at IS NULL AND failed_at IS NULL'))
    with op.batch_alter_table('processedupdate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processedupdate_chat_key'))
        batch_op.drop_column('chat_key')
    op.drop_table('sendwindow')
