"""users: a colleague's grant to see informal identities, and the day last seen

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('informal_granted_at', storage.types.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column('last_seen_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('last_seen_on')
        batch_op.drop_column('informal_granted_at')
