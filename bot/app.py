"""The composition root: engine → services → transports → scheduler, on one event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import signal
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import time
from pathlib import Path
from typing import Protocol, runtime_checkable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.conversation.context import Options
from bot.conversation.dispatcher import Conversation, command_menu
from bot.conversation.events import Incoming, Reply
from bot.conversation.flows.reports import ReportComing
from bot.conversation.flows.status import PROCESS, ProcessFacts
from bot.delivery import Delivery
from bot.keys import begin_audit_chain, open_database, upgrade_schema
from bot.settings import Settings
from bot.transports.base import IncomingHandler, SendError, Transport, TransportStartError
from bot.transports.console import CONSOLE_BUTTONS, ConsoleTransport
from core.access import ensure_console_user
from core.areas import seed_areas
from core.clock import Clock, SystemClock
from core.ratelimit import Limits, SendLimiter
from core.reading.names import name_finder, use_cache_dir
from core.retention import DEFAULT_POLICY, RetentionPolicy
from core.tension import DEFAULT_TIGHTENING, Tightening
from scheduler.jobs import sweep_due_work
from scheduler.runner import DEFAULT_DIGEST_TIME, build_scheduler
from storage.engine import Database, make_engine, sqlite_path
from storage.leader import LeaderLock
from storage.lock import InstanceLock

log = logging.getLogger(__name__)

REPLY_ATTEMPTS = 6  # a reply is retried about half a minute before it is given up
REPLY_BASE_DELAY = 0.5
REPLY_MAX_DELAY = 8.0


def prepare_database(settings: Settings) -> Database:
    """The register: schema up to date, opened under its key, default areas seeded."""
    engine = make_engine(settings.database_url)
    upgraded_from = upgrade_schema(engine)
    db = open_database(settings, engine, SystemClock(settings.tz).now())
    begin_audit_chain(db, upgraded_from)
    with db.session() as session:
        seed_areas(session)
    return db


def chosen_transports(settings: Settings) -> list[Transport]:
    """Telegram when a token is set, Matrix when a homeserver is set (both may run at once);
    otherwise the terminal chat (design.md §6)."""
    transports: list[Transport] = []
    if settings.telegram_bot_token is not None:
        from bot.transports.telegram import TelegramTransport  # only import PTB when used

        secret = settings.telegram_webhook_secret
        transports.append(
            TelegramTransport(
                settings.telegram_bot_token.get_secret_value(),
                base_url=settings.telegram_api_base_url,
                webhook_url=settings.telegram_webhook_url,
                webhook_secret=secret.get_secret_value() if secret else None,
                webhook_listen=settings.telegram_webhook_listen,
                webhook_port=settings.telegram_webhook_port,
                commands={lang: command_menu(lang) for lang in ("nl", "en")},
            )
        )
    if settings.matrix_homeserver is not None:
        from bot.transports.matrix import MatrixTransport  # only import matrix-nio when used

        if not settings.matrix_user_id:
            raise TransportStartError("MATRIX_HOMESERVER is set: set MATRIX_USER_ID too.")
        password, token = settings.matrix_password, settings.matrix_access_token
        transports.append(
            MatrixTransport(
                settings.matrix_homeserver,
                settings.matrix_user_id,
                store_dir=settings.matrix_store_dir,
                password=password.get_secret_value() if password else None,
                access_token=token.get_secret_value() if token else None,
                reactions=settings.matrix_reactions,
            )
        )
    if transports:
        return transports
    # The terminal's button numbers are kept beside the database (or in data/ with PostgreSQL).
    database_file = sqlite_path(settings.database_url)
    folder = database_file.parent if database_file is not None else Path("data")
    return [ConsoleTransport(buttons_file=folder / CONSOLE_BUTTONS)]


@runtime_checkable
class Journalling(Protocol):
    """A transport that fetches updates in batches it acknowledges later (Telegram polling):
    it journals each batch first (core.journal)."""

    def journal_with(self, journal: Callable[[list[Incoming]], Awaitable[None]]) -> None: ...


@runtime_checkable
class Named(Protocol):
    """A transport that knows its own account name once started (Telegram: for t.me links)."""

    @property
    def username(self) -> str | None: ...


@runtime_checkable
class Receiver(Protocol):
    """A transport that can stop taking new updates before it stops altogether."""

    async def stop_receiving(self) -> None: ...


@runtime_checkable
class Poller(Receiver, Protocol):
    """A transport that long-polls, which only one process per bot may do (Telegram)."""

    polls: bool
    defer_polling: bool

    async def start_polling(self) -> None: ...


class App:
    """Everything that runs, started and stopped together.

    With a `leader` lock (PostgreSQL, several processes) a polling transport only polls while
    this process holds the lock; the lock is tried every `leader_retry_seconds`, so another
    process takes over within that time when the poller dies. Webhooks need no election.
    """

    def __init__(
        self,
        db: Database,
        transports: Sequence[Transport],
        clock: Clock,
        *,
        sweep_seconds: float = 30.0,
        digest_time: time = DEFAULT_DIGEST_TIME,
        retention: RetentionPolicy = DEFAULT_POLICY,
        tightening: Tightening = DEFAULT_TIGHTENING,
        hours_budget: float = 10.0,
        schedule: bool = True,
        leader: LeaderLock | None = None,
        leader_retry_seconds: float = 5.0,
        grace_seconds: float = 10.0,
        send_limits: Mapping[str, Limits] | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.transports = {t.name: t for t in transports}
        self.conversation = Conversation(db, clock, Options(hours_budget=hours_budget,
                                                            retention=retention,
                                                            tightening=tightening))
        # One budget per transport for replies and the outbox alike (core.ratelimit).
        self.limiter = SendLimiter(db, send_limits or {})
        self.delivery = Delivery(self.conversation, self.transports, self.limiter)
        self._chat_locks: defaultdict[tuple[str, str], asyncio.Lock] = defaultdict(asyncio.Lock)
        self._scheduler: AsyncIOScheduler | None = None
        self._schedule = schedule
        self._sweep_seconds = sweep_seconds
        self._digest_time = digest_time
        self._retention = retention
        self._tightening = tightening
        self.leader = leader
        self._leader_retry_seconds = leader_retry_seconds
        self._grace_seconds = grace_seconds
        self._leader_task: asyncio.Task[None] | None = None
        self._polling = False
        self._connected: list[str] = []
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def _pollers(self) -> list[Poller]:
        return [t for t in self.transports.values() if isinstance(t, Poller) and t.polls]

    @property
    def polling(self) -> bool | None:
        """Whether this process long-polls; None when no transport polls (webhook, Matrix)."""
        if not self._pollers():
            return None
        return self._polling

    def facts(self) -> ProcessFacts:
        """What only this process knows, for /status."""
        return ProcessFacts(transports=tuple(self._connected), polling=self.polling)

    async def start(self) -> None:
        if "console" in self.transports:
            with self.db.session() as session:
                ensure_console_user(session, self.clock.now())
        elected = self.leader is not None and bool(self._pollers())
        for poller in self._pollers():
            poller.defer_polling = elected
        # What a crash left unhandled goes first: its chats wait until it is done.
        left = await asyncio.to_thread(self.conversation.unhandled, list(self.transports))
        by_chat: dict[tuple[str, str], list[Incoming]] = {}
        for incoming in left:
            by_chat.setdefault((incoming.transport, incoming.chat_id), []).append(incoming)
        for chat in by_chat:
            await self._chat_locks[chat].acquire()
        try:
            for transport in self.transports.values():
                if isinstance(transport, Journalling):
                    transport.journal_with(self._journal)
                await transport.start(self._receiver(transport))
                self._connected.append(transport.name)
                if isinstance(transport, Named) and transport.name == "telegram":
                    self.conversation.telegram_username = transport.username
        except BaseException:
            for chat in by_chat:
                self._chat_locks[chat].release()
            raise
        if by_chat:
            log.info("handling %d update(s) the last run left unhandled", len(left))
        for chat, items in by_chat.items():
            try:
                for incoming in items:
                    await self._finish(self.transports[chat[0]], incoming)
            finally:
                self._chat_locks[chat].release()
        if elected:
            self._leader_task = asyncio.create_task(self._lead(), name="poller-election")
        else:
            self._polling = bool(self._pollers())
        if self._schedule:
            self._scheduler = build_scheduler(
                self.db, self.clock, self.delivery.run_in_background, self._sweep_seconds,
                self._digest_time, self._retention, tightening=self._tightening,
            )
            self._scheduler.start()

    async def _lead(self) -> None:
        """Poll while this process holds the lock; keep trying to get it, or to keep it."""
        assert self.leader is not None
        while True:
            try:
                held = await asyncio.to_thread(self.leader.try_acquire)
            except Exception as error:  # the election must outlive a database hiccup
                log.warning("the poller election failed this round: %s", type(error).__name__)
                held = False
            try:
                if held and not self._polling:
                    for poller in self._pollers():
                        await poller.start_polling()
                    self._polling = True
                    log.info("this process is the poller now")
                elif not held and self._polling:
                    for poller in self._pollers():
                        await poller.stop_receiving()
                    self._polling = False
                    log.warning("this process lost the poller lock and stopped polling")
            except Exception as error:  # an unreachable chat service: try again next round
                log.warning("switching polling failed: %s", type(error).__name__)
            await asyncio.sleep(self._leader_retry_seconds)

    async def stop(self) -> None:
        """Stop taking new work, let the work in flight finish within the grace period (a
        message being handled, a delivery round), then stop everything."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._grace_seconds
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        if self._leader_task is not None:
            self._leader_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._leader_task
        for transport in self.transports.values():
            if isinstance(transport, Receiver):
                try:
                    await transport.stop_receiving()
                except Exception:
                    log.exception("stopping receiving on %s failed", transport.name)
        try:
            async with asyncio.timeout_at(deadline):
                await self._idle.wait()
                await self.delivery.close()
        except TimeoutError:
            log.warning("work in flight did not finish within %.0f s; stopping anyway",
                        self._grace_seconds)
        for transport in self.transports.values():
            try:
                # Updates taken but not yet handled are handled here; bounded all the same.
                async with asyncio.timeout_at(max(deadline, loop.time() + 2.0)):
                    await transport.stop()
            except TimeoutError:
                log.warning("stopping transport %s took too long; left as it is",
                            transport.name)
            except Exception:
                log.exception("stopping transport %s failed", transport.name)
        self._polling = False
        if self.leader is not None:
            await asyncio.to_thread(self.leader.release)

    async def tick(self) -> int:
        """One round of due work now: digests, follow-ups, then delivery (tests use it)."""
        await sweep_due_work(self.db, self.clock, self._digest_time, self._retention,
                             self._tightening)
        return await self.delivery.run_once(self.clock.now())

    def _receiver(self, transport: Transport) -> IncomingHandler:
        async def receive(incoming: Incoming) -> None:
            await self.handle(transport, incoming)

        return receive

    async def handle(self, transport: Transport, incoming: Incoming) -> None:
        """Handle one event and send its replies; one chat's events are handled in order."""
        self._in_flight += 1
        self._idle.clear()
        try:
            async with self._chat_locks[(transport.name, incoming.chat_id)]:
                await self._finish(transport, incoming)
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._idle.set()

    async def _journal(self, incomings: list[Incoming]) -> None:
        await asyncio.to_thread(self.conversation.journal, incomings)

    async def _finish(self, transport: Transport, incoming: Incoming) -> None:
        """Handle an event and send its replies; the caller holds the chat's lock."""
        PROCESS.set(self.facts())  # copied into the handling thread for /status
        replies = await asyncio.to_thread(self.conversation.handle, incoming)
        chat_id = incoming.chat_id
        if replies:
            chat_id = await asyncio.to_thread(self.conversation.reply_chat, incoming)
        for reply in replies:
            await self._send_reply(transport, chat_id, reply)
        if any(isinstance(reply, ReportComing) for reply in replies):
            # A report asked for just now: made in delivery's thread, sent right after the
            # "being made" answer instead of at the next sweep.
            await self.delivery.run_once(self.clock.now())

    async def _send_reply(self, transport: Transport, chat_id: str, reply: Reply) -> None:
        """Send one reply, retrying a passing failure (honouring `retry_after`) so the chat's
        next reply never overtakes it; given up after REPLY_ATTEMPTS."""
        for attempt in range(1, REPLY_ATTEMPTS + 1):
            await self.limiter.permit(transport.name, chat_id, reply=True)
            try:
                await transport.send(chat_id, reply)
                return
            except SendError as error:
                if error.permanent or attempt == REPLY_ATTEMPTS:
                    log.warning("a reply could not be sent: %s", error.reason)
                    return
                delay = error.retry_after
                if delay is None:
                    delay = min(REPLY_MAX_DELAY, REPLY_BASE_DELAY * 2 ** (attempt - 1))
                    delay *= 0.5 + random.random() / 2  # noqa: S311 (jitter)
                await asyncio.sleep(delay)


async def run(settings: Settings) -> None:
    """`python -m bot`: run until interrupted (or the terminal chat is closed)."""
    database_file = sqlite_path(settings.database_url)
    lock = InstanceLock(database_file) if database_file else None
    if lock is not None:
        lock.acquire()
    try:
        db = await asyncio.to_thread(prepare_database, settings)
        transports = chosen_transports(settings)
        if any(isinstance(t, ConsoleTransport) for t in transports):
            # Log lines would interleave with the terminal chat; keep only problems.
            logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
        # The name finder is built (or read from its cache) before the first message, not in it.
        use_cache_dir(settings.reader_cache_dir)
        await asyncio.to_thread(name_finder)
        # Several processes may share PostgreSQL: only the elected one long-polls.
        leader = LeaderLock(db.engine) if db.engine.dialect.name == "postgresql" else None
        app = App(db, transports, SystemClock(settings.tz), sweep_seconds=settings.sweep_seconds,
                  digest_time=settings.digest_time, retention=settings.retention,
                  tightening=settings.tightening,
                  hours_budget=settings.hours_budget_per_week, leader=leader,
                  leader_retry_seconds=settings.poller_retry_seconds,
                  grace_seconds=settings.shutdown_grace_seconds,
                  send_limits={"telegram": settings.telegram_send_limits})
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
        try:
            await app.start()
        except BaseException:
            await app.stop()
            raise
        log.info("bot running with %s", ", ".join(app.transports))
        waiters = [asyncio.create_task(stop.wait())]
        for transport in transports:
            if isinstance(transport, ConsoleTransport):
                waiters.append(asyncio.create_task(transport.closed.wait()))
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
        await app.stop()
        db.engine.dispose()
    finally:
        if lock is not None:
            lock.release()
