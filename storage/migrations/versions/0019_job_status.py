"""job_status: per scheduler job, failures counted for /status

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('jobstatus',
    sa.Column('job', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('failures_in_row', sa.Integer(), nullable=False),
    sa.Column('failures_total', sa.Integer(), nullable=False),
    sa.Column('failing_since', storage.types.UTCDateTime(), nullable=True),
    sa.Column('last_failed_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('last_ok_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.PrimaryKeyConstraint('job')
    )


def downgrade() -> None:
    op.drop_table('jobstatus')
