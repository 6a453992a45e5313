"""update_journal

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # --- the update journal (processedupdate): the sealed payload, and when it was handled
    with op.batch_alter_table('processedupdate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payload', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('handled_at', storage.types.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_processedupdate_handled_at'), ['handled_at'],
                              unique=False)
    # Updates taken in before the journal existed were handled then.
    op.execute(sa.text('UPDATE processedupdate SET handled_at = received_at'))
    # --- end of the update journal


def downgrade() -> None:
    # --- the update journal
    with op.batch_alter_table('processedupdate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processedupdate_handled_at'))
        batch_op.drop_column('handled_at')
        batch_op.drop_column('payload')
    # --- end of the update journal
