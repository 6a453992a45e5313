"""The conversation: one `Incoming` in, replies out, every step inside one transaction.

The order is fixed (design.md §3): dedupe on update id → who is this → permission gate →
flow (core calls) → replies. Dialogue state and button meanings are rows, so any process can
continue any conversation after a restart.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot.conversation import texts
from bot.conversation.context import Ctx
from bot.conversation.events import Incoming, Outgoing, Reply
from bot.conversation.flows import (
    areas,
    concern,
    digest,
    followups,
    general,
    guided_visit,
    register,
    reports,
    signals,
    tension,
    visit,
)
from bot.conversation.routing import ButtonHandler, Command, Feature, TextHandler
from core import outbox
from core.access import CONSOLE_TRANSPORT, Identity, RedeemError, audit, find_user, redeem_invite
from core.clock import Clock
from core.digest import DAILY, WEEKLY
from core.followups import REMINDER
from core.permissions import Capability, can
from storage.engine import Database
from storage.models import AuditEvent, ButtonPayload, Outbox, ProcessedUpdate, User

log = logging.getLogger(__name__)

# The order here is the order of the command menu and of /help.
FEATURES: tuple[Feature, ...] = (
    visit.FEATURE, guided_visit.FEATURE, register.FEATURE, followups.FEATURE, digest.FEATURE,
    signals.FEATURE, tension.FEATURE, concern.FEATURE, areas.FEATURE, reports.FEATURE,
    general.FEATURE,
)

COMMANDS: tuple[Command, ...] = tuple(c for f in FEATURES for c in f.commands)
_BY_NAME = {name: command for command in COMMANDS for name in command.names}
BUTTONS: dict[str, tuple[Capability, ButtonHandler]] = {
    action: route for f in FEATURES for action, route in f.buttons.items()
}
TEXT_FLOWS: dict[str, TextHandler] = {
    flow: handler for f in FEATURES for flow, handler in f.text_flows.items()
}


def command_menu(language: str) -> list[tuple[str, str]]:
    """(command, description) pairs for the chat app's menu, in the user's language."""
    return [
        (c.names[0] if language == "nl" else c.names[min(1, len(c.names) - 1)],
         texts.text(language, c.description))
        for c in COMMANDS
        if c.description
    ]


class Conversation:
    """Turns what users do into replies; the only entry point the transports call."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle one event; never raises for anything a user can send."""
        now = self.clock.now()
        try:
            with self.db.session() as session:
                if incoming.update_id is not None and not _first_time(session, incoming, now):
                    return []
                return self._handle(session, incoming, now)
        except Exception as error:
            log.error("handling an update failed (transport=%s): %s", incoming.transport,
                      where_it_failed(error))
            return [Reply(texts.text(self._language_of(incoming), "error"))]

    def _handle(self, session: Session, incoming: Incoming, now: datetime) -> list[Reply]:
        if not incoming.private:
            return [Reply(texts.text(_lang(incoming.language), "group_refused"))]
        user = find_user(session, incoming.transport, incoming.user_id)
        command, args = _split_command(incoming.text)
        if user is None:
            if command == "start" and args.strip():
                return self._redeem(session, incoming, args, now)
            return self._refuse(session, incoming, now)
        ctx = Ctx(session=session, user=user, now=now, tz=self.clock.tz)

        if incoming.button is not None:
            return _press(ctx, incoming.button)
        if command is not None:
            found = _BY_NAME.get(command)
            if found is None:
                return [ctx.reply("unknown_command")]
            if not can(user.role, found.capability):
                return [ctx.reply("not_allowed")]
            return found.handler(ctx, args)
        text = (incoming.text or "").strip()
        if not text:
            return []
        if not can(user.role, Capability.LOG_VISIT):
            return general.help_text(ctx, "")
        state = ctx.state()
        if state is not None and state.flow in TEXT_FLOWS:
            return TEXT_FLOWS[state.flow](ctx, state.step, dict(state.data), text)
        return visit.from_text(ctx, text)

    def _redeem(self, session: Session, incoming: Incoming, token: str, now: datetime
                ) -> list[Reply]:
        who = Identity(incoming.transport, incoming.user_id, incoming.chat_id)
        result = redeem_invite(session, token, who, _lang(incoming.language), now)
        if isinstance(result, RedeemError):
            audit(session, now, "invite.rejected", None, _stranger(incoming), reason=result)
            log.info("invite rejected: %s (transport=%s)", result, incoming.transport)
            return [Reply(texts.text(_lang(incoming.language), f"invite_{result}"))]
        log.info("invite redeemed (transport=%s, role=%s)", incoming.transport, result.role)
        return [general.welcome(Ctx(session=session, user=result, now=now, tz=self.clock.tz))]

    def _refuse(self, session: Session, incoming: Incoming, now: datetime) -> list[Reply]:
        """One polite refusal per stranger, then silence; logged without the message text."""
        subject = _stranger(incoming)
        log.warning("refused a message from an unknown user (transport=%s)", incoming.transport)
        seen = session.exec(
            select(AuditEvent.id).where(
                AuditEvent.action == "access.refused", AuditEvent.subject == subject
            )
        ).first()
        audit(session, now, "access.refused", None, subject)
        if seen is not None:
            return []
        return [Reply(texts.text(_lang(incoming.language), "refusal"))]

    def _language_of(self, incoming: Incoming) -> str:
        try:
            with self.db.session() as session:
                user = find_user(session, incoming.transport, incoming.user_id)
                return user.language if user else _lang(incoming.language)
        except Exception:
            return texts.DEFAULT_LANGUAGE

    # --- owed messages (the outbox), rendered for delivery ---------------------------------

    def owed(
        self, now: datetime, transports: Collection[str], limit: int = 50
    ) -> list[tuple[int, Outgoing | None]]:
        """Take and render due outbox rows; None for a row that no longer needs sending."""
        rendered: list[tuple[int, Outgoing | None]] = []
        with self.db.session() as session:
            for row in outbox.claim(session, now, transports, limit):
                assert row.id is not None
                rendered.append((row.id, self._render(session, row, now)))
        return rendered

    def _render(self, session: Session, row: Outbox, now: datetime) -> Outgoing | None:
        user = session.get(User, row.user_id)
        if user is None or user.revoked_at is not None:
            return None
        ctx = Ctx(session=session, user=user, now=now, tz=self.clock.tz)
        reply = None
        if row.kind == REMINDER and row.ref_id is not None:
            reply = followups.reminder(ctx, row.ref_id)
        elif row.kind == DAILY:
            reply = digest.render_daily(ctx)
        elif row.kind == WEEKLY:
            reply = digest.render_weekly(ctx)
        if reply is None:
            return None
        return Outgoing(transport=user.transport, chat_id=user.chat_id, reply=reply)

    def delivered(self, outbox_id: int, now: datetime) -> None:
        with self.db.session() as session:
            row = session.get(Outbox, outbox_id)
            if row is not None:
                outbox.mark_sent(session, row, now)

    def not_delivered(
        self, outbox_id: int, now: datetime, error: str, *, permanent: bool,
        retry_after: float | None = None,
    ) -> None:
        """Schedule another attempt, or give up for good when the failure is permanent."""
        with self.db.session() as session:
            row = session.get(Outbox, outbox_id)
            if row is None:
                return
            if permanent:
                outbox.mark_failed(session, row, now, error)
            else:
                outbox.mark_retry(session, row, now, error, retry_after)


def where_it_failed(error: BaseException) -> str:
    """The exception type and the code path, without the message: it may quote user text."""
    frames = traceback.extract_tb(error.__traceback__)
    path = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    return f"{type(error).__name__} at {path}"


def _press(ctx: Ctx, payload_id: str) -> list[Reply]:
    payload = ctx.session.get(ButtonPayload, payload_id[:16])
    if payload is None or payload.user_id != ctx.user_id or payload.action not in BUTTONS:
        return [ctx.reply("stale_button")]
    capability, handler = BUTTONS[payload.action]
    if not can(ctx.user.role, capability):
        return [ctx.reply("not_allowed")]
    return handler(ctx, payload)


def _first_time(session: Session, incoming: Incoming, now: datetime) -> bool:
    """Record the update id; False when this update was handled before (a redelivery)."""
    assert incoming.update_id is not None
    key = (incoming.transport, incoming.update_id[:64])
    if session.get(ProcessedUpdate, key) is not None:
        return False
    savepoint = session.begin_nested()
    try:
        session.add(ProcessedUpdate(transport=key[0], update_id=key[1], received_at=now))
        savepoint.commit()
    except IntegrityError:
        savepoint.rollback()
        return False
    return True


def _split_command(text: str | None) -> tuple[str | None, str]:
    """'/taal@netwerk_bot en' → ('taal', 'en'); plain text → (None, text)."""
    if not text or not text.startswith(("/", "!")):
        return None, text or ""
    head, _, args = text[1:].partition(" ")
    name = head.split("@", 1)[0].lower().replace("-", "_")
    return name, args


def _lang(language: str | None) -> str:
    code = (language or "").lower()[:2]
    return code if code in texts.LANGUAGES else texts.DEFAULT_LANGUAGE


def _stranger(incoming: Incoming) -> str:
    """A stable, non-reversible reference to an unknown account for the audit log."""
    digest = hashlib.sha256(f"{incoming.transport}:{incoming.user_id}".encode()).hexdigest()
    return f"stranger:{digest[:32]}"


__all__ = ["COMMANDS", "CONSOLE_TRANSPORT", "Command", "Conversation", "command_menu"]
