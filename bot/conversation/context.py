"""What a flow handler works with: the unit of work, the user, the time, and reply helpers."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col

from bot.conversation import texts
from bot.conversation.events import Button, Reply
from core.dates import When, format_when
from core.retention import DEFAULT_POLICY, RetentionPolicy
from core.tension import DEFAULT_TIGHTENING, Tightening
from storage.models import ButtonPayload, DialogState, User


@dataclass(frozen=True)
class Options:
    """Settings the flows need, handed in by the app: flows never read the environment."""

    hours_budget: float = 10.0  # HOURS_BUDGET_PER_WEEK, for /uren
    retention: RetentionPolicy = DEFAULT_POLICY  # the terms a partner's notice names
    tightening: Tightening = DEFAULT_TIGHTENING  # RHYTHM_TIGHTENING, for digests and /spanning


@dataclass
class Ctx:
    session: Session
    user: User
    now: datetime
    tz: ZoneInfo
    # The Telegram bot's @username when the bot runs on Telegram, for t.me invite links.
    telegram_username: str | None = None
    options: Options = field(default_factory=Options)
    _state: DialogState | None = field(default=None, init=False, repr=False)
    _state_read: bool = field(default=False, init=False, repr=False)

    @property
    def lang(self) -> str:
        return self.user.language if self.user.language in texts.LANGUAGES else "nl"

    @property
    def user_id(self) -> int:
        assert self.user.id is not None
        return self.user.id

    def t(self, key: str, **values: Any) -> str:
        return texts.text(self.lang, key, **values)

    def reply(self, key: str, buttons: list[list[Button]] | None = None, **values: Any) -> Reply:
        return Reply(self.t(key, **values), tuple(tuple(row) for row in buttons or []))

    def reply_text(self, text: str, buttons: list[list[Button]] | None = None) -> Reply:
        """A reply composed from several catalogue lines (lists, overviews)."""
        return Reply(text, tuple(tuple(row) for row in buttons or []))

    def button(self, label: str, action: str, **data: Any) -> Button:
        """A button whose meaning is stored under a short id (callback data is 64 bytes)."""
        payload = ButtonPayload(
            id=secrets.token_urlsafe(6), user_id=self.user_id, action=action, data=data,
            created_at=self.now,
        )
        self.session.add(payload)
        return Button(label=label, payload=payload.id)

    def confirm_row(self, prefix: str, draft_id: str) -> list[Button]:
        """Opslaan / Wijzigen / Annuleren under a card; actions `<prefix>.save|edit|cancel`."""
        return [self.button(self.t(f"button_{what}"), f"{prefix}.{what}", draft=draft_id)
                for what in ("save", "edit", "cancel")]

    def claim(self, payload: ButtonPayload) -> bool:
        """Mark a button used; False when it was used before (a double press)."""
        result = self.session.execute(
            update(ButtonPayload)
            .where(col(ButtonPayload.id) == payload.id, col(ButtonPayload.used_at).is_(None))
            .values(used_at=self.now)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    # dialogue state, kept in the database so a restart continues where the user was
    def state(self) -> DialogState | None:
        """The user's dialogue state, read once per update: most updates find none, and the
        session's identity map cannot remember that a row is absent."""
        if not self._state_read:
            self._state = self.session.get(DialogState, self.user_id)
            self._state_read = True
        return self._state

    def set_state(self, flow: str, step: str, data: dict[str, Any]) -> None:
        state = self.state() or DialogState(user_id=self.user_id, flow=flow, step=step)
        state.flow, state.step, state.data, state.updated_at = flow, step, data, self.now
        # Written even when it compares equal to what was read: a flow may have changed a
        # nested part of the data it was handed in place, which is then the loaded value too.
        flag_modified(state, "data")
        self.session.add(state)
        self._state = state

    def open_draft(self, flow: str, payload: ButtonPayload, key: str = "draft"
                   ) -> dict[str, Any] | None:
        """The state of `flow` a button belongs to (its `draft` id matches), or None when that
        draft was saved, cancelled or replaced — so an old card's button does nothing."""
        state = self.state()
        if state is None or state.flow != flow or not state.data.get(key):
            return None
        if state.data.get("draft_id") != payload.data.get("draft"):
            return None
        return dict(state.data)

    def clear_state(self) -> bool:
        state = self.state()
        if state is None:
            return False
        self.session.delete(state)
        self._state = None
        return True

    # dates, written the way the user reads them
    def when(self, moment: datetime, grain: str) -> str:
        local = moment.astimezone(self.tz)
        shown = When(start=local, grain=grain if grain in _GRAINS else "day")  # type: ignore[arg-type]
        return format_when(shown, self.lang, today=self.now.date())

    def when_date(self, day: date) -> str:
        return self.when(datetime.combine(day, time(12), tzinfo=self.tz), "day")


_GRAINS = ("minute", "hour", "day", "week", "month")
