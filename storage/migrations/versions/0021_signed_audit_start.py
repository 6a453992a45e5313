"""signed audit start: from here on an audit chain begins only once, signed

No table changes: this revision is the line between registers whose chain may still be begun
with the entries already there taken in (upgraded from 0020 or before, in the start that runs
this upgrade: `bot.keys.begin_audit_chain`) and registers where an unsigned head can only mean
a reset. A migration has no key, so the signing itself is done by the bot right after.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07
"""

from collections.abc import Sequence

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change in the schema; see the module's docstring."""


def downgrade() -> None:
    """Nothing to undo."""
