"""Texts of the missed-reminders message (many reminders due at once, e.g. after downtime)."""

from __future__ import annotations

NL: dict[str, str] = {
    "reminders_batch_title": "⏰ {count} vervolgacties zijn tegelijk aan de beurt:",
}

EN: dict[str, str] = {
    "reminders_batch_title": "⏰ {count} follow-ups are due at the same time:",
}
