"""The composition root: engine → services → transports → scheduler, on one event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections import defaultdict
from collections.abc import Sequence
from datetime import time

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.conversation.dispatcher import Conversation, command_menu
from bot.conversation.events import Incoming
from bot.delivery import Delivery
from bot.keys import open_database
from bot.settings import Settings
from bot.transports.base import IncomingHandler, SendError, Transport, TransportStartError
from bot.transports.console import ConsoleTransport
from core.access import ensure_console_user
from core.areas import seed_areas
from core.clock import Clock, SystemClock
from scheduler.jobs import purge_referrals, sweep_digests, sweep_follow_ups
from scheduler.runner import DEFAULT_DIGEST_TIME, build_scheduler
from storage.engine import Database, make_engine, sqlite_path
from storage.lock import InstanceLock
from storage.migrate import upgrade

log = logging.getLogger(__name__)


def prepare_database(settings: Settings) -> Database:
    """The register: schema up to date, opened under its key, default areas seeded."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    db = open_database(settings, engine, SystemClock(settings.tz).now())
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
    return transports or [ConsoleTransport()]


class App:
    """Everything that runs, started and stopped together."""

    def __init__(
        self,
        db: Database,
        transports: Sequence[Transport],
        clock: Clock,
        *,
        sweep_seconds: float = 30.0,
        digest_time: time = DEFAULT_DIGEST_TIME,
        schedule: bool = True,
    ) -> None:
        self.db = db
        self.clock = clock
        self.transports = {t.name: t for t in transports}
        self.conversation = Conversation(db, clock)
        self.delivery = Delivery(self.conversation, self.transports)
        self._chat_locks: defaultdict[tuple[str, str], asyncio.Lock] = defaultdict(asyncio.Lock)
        self._scheduler: AsyncIOScheduler | None = None
        self._schedule = schedule
        self._sweep_seconds = sweep_seconds
        self._digest_time = digest_time

    async def start(self) -> None:
        if "console" in self.transports:
            with self.db.session() as session:
                ensure_console_user(session, self.clock.now())
        for transport in self.transports.values():
            await transport.start(self._receiver(transport))
        if self._schedule:
            self._scheduler = build_scheduler(
                self.db, self.clock, self.delivery.run_once, self._sweep_seconds,
                self._digest_time,
            )
            self._scheduler.start()

    async def stop(self) -> None:
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        for transport in self.transports.values():
            try:
                await transport.stop()
            except Exception:
                log.exception("stopping transport %s failed", transport.name)

    async def tick(self) -> int:
        """One round of due work now: digests, follow-ups, then delivery (tests use it)."""
        await sweep_digests(self.db, self.clock.now(), self._digest_time)
        await sweep_follow_ups(self.db, self.clock.now())
        await purge_referrals(self.db, self.clock.now())
        return await self.delivery.run_once(self.clock.now())

    def _receiver(self, transport: Transport) -> IncomingHandler:
        async def receive(incoming: Incoming) -> None:
            await self.handle(transport, incoming)

        return receive

    async def handle(self, transport: Transport, incoming: Incoming) -> None:
        """Handle one event and send its replies; one chat's events are handled in order."""
        async with self._chat_locks[(transport.name, incoming.chat_id)]:
            replies = await asyncio.to_thread(self.conversation.handle, incoming)
            for reply in replies:
                try:
                    await transport.send(incoming.chat_id, reply)
                except SendError as error:
                    log.warning("a reply could not be sent: %s", error.reason)


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
        app = App(db, transports, SystemClock(settings.tz), sweep_seconds=settings.sweep_seconds,
                  digest_time=settings.digest_time)
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
