"""subject_requests

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('subjectrequest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('requested_by_user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('requested_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('handled_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('handled_by_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['contact_id'], ['contact.id'], ),
    sa.ForeignKeyConstraint(['handled_by_user_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['requested_by_user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('subjectrequest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subjectrequest_contact_id'), ['contact_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('subjectrequest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subjectrequest_contact_id'))
    op.drop_table('subjectrequest')
