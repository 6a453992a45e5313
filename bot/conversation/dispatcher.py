"""The conversation: one `Incoming` in, replies out, every step inside one transaction.

The order is fixed (design.md §3): dedupe on update id → who is this → permission gate →
flow (core calls) → replies. Dialogue state and button meanings are rows, so any process can
continue any conversation after a restart.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from collections.abc import Collection, Sequence
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from bot.conversation import texts
from bot.conversation.context import Ctx, Options
from bot.conversation.events import Incoming, Outgoing, Reply
from bot.conversation.flows import (
    areas,
    concern,
    digest,
    followups,
    general,
    guided_visit,
    handover,
    hours,
    meetings,
    partner_rights,
    partners,
    privacy,
    register,
    reports,
    signals,
    status,
    surveys,
    tension,
    users,
    visit,
)
from bot.conversation.journal import incoming_from_data, incoming_to_data
from bot.conversation.routing import ButtonHandler, Command, Feature, TextHandler
from core import journal, outbox, report_schedule, strangers
from core.access import (
    CONSOLE_TRANSPORT,
    DENIED,
    INVITE_REJECTED,
    REFUSED,
    Identity,
    RedeemError,
    audit,
    find_user,
    mark_seen,
    redeem_invite,
)
from core.clock import Clock
from core.digest import DAILY, WEEKLY
from core.followups import REMINDER, REMINDERS
from core.permissions import Capability, can, render_markdown
from core.retention import REPORT as RETENTION_REPORT
from storage.engine import Database
from storage.models import ButtonPayload, Outbox, Role, User

log = logging.getLogger(__name__)

EARLIER_AT_MOST = 200  # a chat's earlier updates one handling finishes before its own

# The order here is the order of the command menu and of /help.
FEATURES: tuple[Feature, ...] = (
    visit.FEATURE, guided_visit.FEATURE, register.FEATURE, followups.FEATURE, digest.FEATURE,
    signals.FEATURE, tension.FEATURE, concern.FEATURE, areas.FEATURE, reports.FEATURE,
    users.FEATURE, status.FEATURE, privacy.FEATURE, partners.FEATURE, partner_rights.FEATURE,
    meetings.FEATURE, hours.FEATURE, handover.FEATURE, surveys.FEATURE, general.FEATURE,
)

COMMANDS: tuple[Command, ...] = tuple(c for f in FEATURES for c in f.commands)
_BY_NAME = {name: command for command in COMMANDS for name in command.names}
BUTTONS: dict[str, tuple[Capability, ButtonHandler]] = {
    action: route for f in FEATURES for action, route in f.buttons.items()
}
TEXT_FLOWS: dict[str, TextHandler] = {
    flow: handler for f in FEATURES for flow, handler in f.text_flows.items()
}
# Flows open to partners (who have no LOG_VISIT): typed text in them is gated by their own
# capability.
_GATED_TEXT_FLOWS: dict[str, Capability] = {
    **partners.TEXT_FLOW_CAPABILITIES, **partner_rights.TEXT_FLOW_CAPABILITIES,
    **surveys.TEXT_FLOW_CAPABILITIES,
}


def may_use(role: str, command: str) -> bool:
    """Whether `role` may use /`command` (an unknown name: yes, it refuses itself)."""
    found = _BY_NAME.get(command.lower().replace("-", "_"))
    return found is None or can(role, found.capability)


def permission_matrix() -> str:
    """docs/permissions.md: the role matrix and what each command and button needs."""
    return render_markdown([(c.names, c.capability) for c in COMMANDS],
                           [(action, cap) for action, (cap, _) in BUTTONS.items()],
                           Capability.LOG_VISIT)


def command_menu(language: str) -> list[tuple[str, str]]:
    """(command, description) pairs for the chat app's menu, in the user's language."""
    return [
        (c.names[0] if language == "nl" else c.names[min(1, len(c.names) - 1)],
         texts.text(language, c.description))
        for c in COMMANDS
        if c.description
    ]


class _HandledMeanwhile(Exception):
    """Another process marked the update handled while this one handled it too: roll back."""


class Conversation:
    """Turns what users do into replies; the only entry point the transports call."""

    def __init__(self, db: Database, clock: Clock, options: Options | None = None) -> None:
        self.db = db
        self.clock = clock
        self.options = options or Options()
        # Set by the app once a Telegram transport has started (it learns its own name then):
        # invites made in any chat can then show the t.me link.
        self.telegram_username: str | None = None

    def reply_chat(self, incoming: Incoming) -> str:
        """Where the replies to `incoming` go: a known user's registered chat, never a chat
        an update names (a forged update must not steer a briefing into another chat); only a
        stranger, who has no registered chat, is answered where they wrote, and a group gets
        only the fixed refusal of groups."""
        if not incoming.private:
            return incoming.chat_id
        with self.db.session() as session:
            user = find_user(session, incoming.transport, incoming.user_id)
            return incoming.chat_id if user is None else user.chat_id

    def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle one event; never raises for anything a user can send.

        An event with an update id is journalled first (unless it already is), then handled
        and marked handled in one transaction (core.journal): a redelivery of a handled update
        gets no second answer, and a crash before the commit leaves it to the next start.
        Under the chat's lock the chat's earlier unhandled updates go first, each in its own
        transaction, so one chat's updates are handled in order even when several processes
        received them; their replies come first in the list.
        """
        now = self.clock.now()
        incoming = incoming.cleaned()  # before it is journalled, stored or shown
        if incoming.update_id is None:
            return self._handle_one(incoming, incoming, now)[0]
        self.journal([incoming])
        replies: list[Reply] = []
        for _ in range(EARLIER_AT_MOST + 1):  # the chat's earlier updates first, in order
            answered, done = self._handle_one(incoming, None, now)
            replies += answered
            if done:
                break
        return replies  # a chat flooding faster than this: the rest goes with its next update

    def _handle_one(self, incoming: Incoming, current: Incoming | None, now: datetime
                    ) -> tuple[list[Reply], bool]:
        """Handle `incoming`, or first the chat's earliest unhandled update when one comes
        before it (`current` None: looked up under the chat's lock); True once `incoming` is
        done with."""
        try:
            with self.db.session() as session:
                if current is None:
                    assert incoming.update_id is not None
                    journal.lock_chat(session, incoming.transport, incoming.chat_id)
                    earlier = journal.earliest_of_chat(
                        session, incoming.transport, incoming.chat_id, incoming.update_id)
                    current = incoming if earlier is None else incoming_from_data(
                        earlier.payload)
                if current.update_id is not None and not journal.waiting(
                        session, current.transport, current.update_id):
                    return [], current is incoming
                replies = self._handle(session, current, now)
                # Marked handled last, in the same transaction: the handling's writes (and
                # SQLite's write lock) come at its end, not before reading the message, so
                # the journalling of the next update does not wait on the reading of this one.
                # It keeps its update id only, not what it said (core.journal.take).
                if current.update_id is not None and not journal.take(
                        session, current.transport, current.update_id, now):
                    raise _HandledMeanwhile
                return replies, current is incoming
        except _HandledMeanwhile:  # another process handled it first: its answer stands
            return [], current is incoming
        except Exception as error:
            current = current or incoming
            log.error("handling an update failed (transport=%s): %s", current.transport,
                      where_it_failed(error))
            replies = [Reply(texts.text(self._language_of(current), "error"))]
            if current.update_id is not None:  # not again at every start: answered for good
                self._give_up(current, now)
            return replies, current is incoming

    def _handle(self, session: Session, incoming: Incoming, now: datetime) -> list[Reply]:
        """The replies to one incoming event, in the transaction that handles it."""
        incoming = incoming.cleaned()  # a journal entry written before cleaning came in
        if not incoming.private:
            return [Reply(texts.text(_lang(incoming.language), "group_refused"))]
        user = find_user(session, incoming.transport, incoming.user_id)
        command, args = _split_command(incoming.text)
        if user is None:
            if command == "start" and args.strip():
                return self._redeem(session, incoming, args, now)
            return self._refuse(session, incoming, now)
        mark_seen(user, now.astimezone(self.clock.tz).date())
        ctx = Ctx(session=session, user=user, now=now, tz=self.clock.tz,
                  telegram_username=self.telegram_username, options=self.options)
        return self._route(ctx, incoming, command, args)

    def _route(self, ctx: Ctx, incoming: Incoming, command: str | None, args: str
               ) -> list[Reply]:
        user = ctx.user
        if incoming.button is not None:
            return _press(ctx, incoming.button)
        if incoming.file is not None:
            return _receive_file(ctx, incoming)
        if command is not None:
            found = _BY_NAME.get(command)
            if found is None:
                return [ctx.reply("unknown_command")]
            if not can(user.role, found.capability):
                return _denied(ctx, f"command:{found.names[0]}")
            return found.handler(ctx, args)
        text = (incoming.text or "").strip()
        if not text:
            return []
        state = ctx.state()
        gated = _GATED_TEXT_FLOWS.get(state.flow) if state is not None else None
        if state is not None and gated is not None:  # flows open to partners check their own
            if not can(user.role, gated):
                return _denied(ctx, f"flow:{state.flow}")
            return TEXT_FLOWS[state.flow](ctx, state.step, dict(state.data), text)
        if not can(user.role, Capability.LOG_VISIT):
            return general.help_text(ctx, "")
        state = ctx.state()
        if state is not None and state.flow in TEXT_FLOWS:
            return TEXT_FLOWS[state.flow](ctx, state.step, dict(state.data), text)
        return visit.from_text(ctx, text)

    def _redeem(self, session: Session, incoming: Incoming, token: str, now: datetime
                ) -> list[Reply]:
        """Redeem an invite; after `strangers.INVITE_GUESSES` wrong codes in an hour the chat
        is told once, and then nothing is tried or answered until the hour has passed."""
        chat = strangers.chat_ref(incoming.transport, incoming.chat_id)
        if strangers.wrong_invites(session, chat, now) >= strangers.INVITE_GUESSES:
            log.info("invite attempt ignored: too many wrong codes (transport=%s)",
                     incoming.transport)
            return []
        who = Identity(incoming.transport, incoming.user_id, incoming.chat_id)
        result = redeem_invite(session, token, who, _lang(incoming.language), now)
        if isinstance(result, RedeemError):
            wrong = strangers.note_wrong_invite(session, chat, now)
            audit(session, now, INVITE_REJECTED, None, _stranger(incoming), reason=result)
            log.info("invite rejected: %s (transport=%s)", result, incoming.transport)
            answer = texts.text(_lang(incoming.language), f"invite_{result}")
            if wrong >= strangers.INVITE_GUESSES:
                answer += "\n\n" + texts.text(_lang(incoming.language), "invite_throttled")
            return [Reply(answer)]
        log.info("invite redeemed (transport=%s, role=%s)", incoming.transport, result.role)
        ctx = Ctx(session=session, user=result, now=now, tz=self.clock.tz, options=self.options)
        if result.role == Role.PARTNER:  # the privacy notice and Akkoord come first
            return partners.welcome(ctx)
        return [general.welcome(ctx)]

    def _refuse(self, session: Session, incoming: Incoming, now: datetime) -> list[Reply]:
        """One polite refusal per chat and day, then silence. The first message of the day is
        audited (without its text); the later ones are only counted (core.strangers)."""
        chat = strangers.chat_ref(incoming.transport, incoming.chat_id)
        if strangers.note_message(session, chat, now, self.clock.tz) > 1:
            return []
        log.warning("refused a message from an unknown user (transport=%s)", incoming.transport)
        audit(session, now, REFUSED, None, _stranger(incoming))
        return [Reply(texts.text(_lang(incoming.language), "refusal"))]

    def _language_of(self, incoming: Incoming) -> str:
        try:
            with self.db.session() as session:
                user = find_user(session, incoming.transport, incoming.user_id)
                return user.language if user else _lang(incoming.language)
        except Exception:
            return texts.DEFAULT_LANGUAGE

    # --- the update journal ------------------------------------------------------------------

    def journal(self, incomings: Sequence[Incoming]) -> None:
        """Write updates down before they are handled, in a transaction of their own."""
        entries = [journal.Entry(i.transport, i.update_id, incoming_to_data(i.cleaned()),
                                 i.chat_id)
                   for i in incomings if i.update_id is not None]
        if entries:
            with self.db.session() as session:
                journal.record(session, entries, self.clock.now())

    def unhandled(self, transports: Collection[str]) -> list[Incoming]:
        """Journalled updates a crash left unhandled, oldest first."""
        with self.db.session() as session:
            left = journal.unhandled(session, transports)
        return [incoming_from_data(entry.payload) for entry in left]

    def _give_up(self, incoming: Incoming, now: datetime) -> None:
        assert incoming.update_id is not None
        try:
            with self.db.session() as session:
                journal.take(session, incoming.transport, incoming.update_id, now)
        except Exception as error:
            log.error("could not mark a failed update handled: %s", where_it_failed(error))

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
        ctx = Ctx(session=session, user=user, now=now, tz=self.clock.tz, options=self.options)
        reply = None
        if row.kind == REMINDER and row.ref_id is not None:
            reply = followups.reminder(ctx, row.ref_id)
        elif row.kind == REMINDERS:
            reply = followups.reminders(ctx, row.created_at)
        elif row.kind == DAILY:
            reply = digest.render_daily(ctx)
        elif row.kind == WEEKLY:
            reply = digest.render_weekly(ctx)
        elif row.kind == outbox.UNDELIVERED and row.ref_id is not None:
            reply = status.undelivered(ctx, row.ref_id)
        elif row.kind == RETENTION_REPORT:
            reply = privacy.retention_report(ctx, row.created_at)
        elif row.kind in partners.RENDERERS:
            reply = partners.RENDERERS[row.kind](ctx, row)
        elif row.kind in surveys.RENDERERS:
            reply = surveys.RENDERERS[row.kind](ctx, row)
        elif row.kind in partner_rights.RENDERERS:
            reply = partner_rights.RENDERERS[row.kind](ctx, row)
        elif row.kind in meetings.RENDERERS:
            reply = meetings.RENDERERS[row.kind](ctx, row)
        elif row.kind == report_schedule.REPORT and row.ref_id is not None:
            reply = reports.render_request(ctx, row.ref_id)  # the file is made now
        if reply is None:
            return None
        return Outgoing(transport=user.transport, chat_id=user.chat_id, reply=reply)

    def delivered(self, outbox_id: int, now: datetime) -> None:
        with self.db.session() as session:
            row = session.get(Outbox, outbox_id)
            if row is not None:
                outbox.mark_sent(session, row, now)

    def release(self, outbox_id: int, now: datetime) -> None:
        """Put a taken message back unsent, to go after the older one that failed."""
        with self.db.session() as session:
            row = session.get(Outbox, outbox_id)
            if row is not None and row.sent_at is None:
                outbox.release(session, row, now)

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
        return _denied(ctx, f"button:{payload.action}")
    return handler(ctx, payload)


def _denied(ctx: Ctx, what: str) -> list[Reply]:
    """A polite refusal, and a line in the audit log: a partner account probing coordinator
    commands is noticed (`/status` counts these), never answered with data."""
    audit(ctx.session, ctx.now, DENIED, ctx.user_id, what, role=ctx.user.role)
    return [ctx.reply("not_allowed")]


def _receive_file(ctx: Ctx, incoming: Incoming) -> list[Reply]:
    """A file goes to the flow the user is in when it takes one; anywhere else it is refused
    and not kept. Its caption goes with it."""
    assert incoming.file is not None
    state = ctx.state()
    route = partners.FILE_FLOWS.get(state.flow) if state is not None else None
    if state is None or route is None:
        return [partners.file_not_expected(ctx)]
    capability, handler = route
    if not can(ctx.user.role, capability):
        return [ctx.reply("not_allowed")]
    return handler(ctx, state.step, dict(state.data), incoming.file,
                   (incoming.text or "").strip())


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
