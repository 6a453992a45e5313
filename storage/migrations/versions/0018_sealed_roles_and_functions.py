"""sealed roles and functions: a sealed function needs a text column

A contact's roles stay a JSON column (a sealed value is a JSON string there, as in the
dialogue state). Values written before this revision are sealed at the bot's next start
(`storage.rekey.seal_plain`): a migration has no key.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('contactorganisation', schema=None) as batch_op:
        batch_op.alter_column('function', existing_type=sqlmodel.sql.sqltypes.AutoString(
            length=120), type_=sa.Text(), existing_nullable=True)


def downgrade() -> None:
    with op.batch_alter_table('contactorganisation', schema=None) as batch_op:
        batch_op.alter_column('function', existing_type=sa.Text(),
                              type_=sqlmodel.sql.sqltypes.AutoString(length=120),
                              existing_nullable=True)
