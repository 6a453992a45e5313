"""Telegram through python-telegram-bot, run inside our own event loop.

PTB is used for its HTTP stack, update parsing and polling/webhook plumbing only; no
ConversationHandler, user_data or JobQueue — all state is in the database.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import tornado.httpserver
import tornado.web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    Update,
)
from telegram.constants import ChatType
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application, ApplicationBuilder, ContextTypes, ExtBot, TypeHandler
from telegram.request import HTTPXRequest

from bot.conversation.events import MAX_FILE_BYTES, Incoming, IncomingFile, Reply
from bot.transports.base import IncomingHandler, SendError, TransportStartError

log = logging.getLogger(__name__)

# Opt in to PTB's timedelta durations now: without it every 429 answer emits a deprecation
# warning while PTB builds the RetryAfter error (read at call time, so setting it here works).
os.environ.setdefault("PTB_TIMEDELTA", "true")

TRANSPORT = "telegram"
# Updates of different chats handled at once (PTB's concurrent_updates): one chat's slow
# message (reading a visit, a report) does not hold up the others, and one update's database
# and network waits overlap with another's work. Each chat's own updates keep their order:
# App.handle takes the chat's lock and the conversation handles a chat's earlier journalled
# updates first (core.journal).
CONCURRENT_UPDATES = 8
DEFAULT_BASE = "https://api.telegram.org/bot"
# A webhook's secret is all that tells Telegram's calls from forged ones: long enough that it
# cannot be guessed (32 characters of 64 kinds: 192 bits).
MIN_WEBHOOK_SECRET = 32


class TelegramTransport:
    name = TRANSPORT

    def __init__(
        self,
        token: str,
        *,
        base_url: str | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        webhook_listen: str = "127.0.0.1",
        webhook_port: int = 8443,
        commands: dict[str, Sequence[tuple[str, str]]] | None = None,
        poll_timeout: int = 30,
        read_timeout: float | None = None,
    ) -> None:
        # Our own bot class, so every fetched batch is journalled before PTB acknowledges it.
        base = _normalise_base(base_url) if base_url else DEFAULT_BASE
        self._bot = _JournallingBot(
            token,
            base_url=base,
            base_file_url=base.removesuffix("/bot") + "/file/bot",
            request=HTTPXRequest(connection_pool_size=256,
                                 read_timeout=5.0 if read_timeout is None else read_timeout),
            get_updates_request=HTTPXRequest(connection_pool_size=1),
        )
        # A webhook answers 200 once the update is queued: the queue journals it first.
        self._queue = _JournallingQueue()
        self.app: Application = (  # type: ignore[type-arg]
            ApplicationBuilder().bot(self._bot).update_queue(self._queue)
            .concurrent_updates(CONCURRENT_UPDATES).build()
        )
        self._webhook_url = webhook_url
        self._webhook_secret = webhook_secret
        self._listen = webhook_listen
        self._port = webhook_port
        self._commands = commands or {}
        self._poll_timeout = poll_timeout
        self._on_incoming: IncomingHandler | None = None
        self._webhook: WebhookServer | None = None
        # Set before start() when another process may be polling (PostgreSQL): polling then
        # waits for `start_polling()`, called once this process is elected (storage.leader).
        self.defer_polling = False

    def journal_with(self, journal: Journal) -> None:
        """Write every fetched batch down (core.journal) before it is acknowledged."""
        if self._webhook_url:
            self._queue.journal = journal
        else:
            self._bot.set_journal(journal)

    @property
    def username(self) -> str | None:
        """The bot's @username, learnt from Telegram (getMe) when start() initialises the bot;
        None before that. Invite links (t.me/<username>?start=<token>) need it."""
        try:
            return self._bot.username
        except RuntimeError:  # not initialised yet
            return None

    @property
    def polls(self) -> bool:
        """Long polling (one process per bot token) rather than a webhook (any number)."""
        return not self._webhook_url

    async def start(self, on_incoming: IncomingHandler) -> None:
        if self._webhook_url and len(self._webhook_secret or "") < MIN_WEBHOOK_SECRET:
            raise TransportStartError(
                f"Webhook zonder goed geheim: zet TELEGRAM_WEBHOOK_SECRET op minstens "
                f"{MIN_WEBHOOK_SECRET} willekeurige tekens (letters, cijfers, _ en -); zonder "
                "dat kan iedereen die het adres kent berichten namens Telegram sturen."
            )
        self._on_incoming = on_incoming
        self.app.add_handler(TypeHandler(Update, self._on_update))
        try:
            await self.app.initialize()
        except InvalidToken:
            raise TransportStartError(
                "Telegram refused the bot token (TELEGRAM_BOT_TOKEN): check it with @BotFather."
            ) from None
        except NetworkError as error:
            raise TransportStartError(
                f"Telegram's Bot API could not be reached ({type(error).__name__}); check the "
                "network or TELEGRAM_API_BASE_URL."
            ) from None
        await self._register_commands()
        await self.app.start()
        assert self.app.updater is not None
        if self._webhook_url:
            await self._start_webhook(self._webhook_url)
        elif not self.defer_polling:
            await self.start_polling()

    async def start_polling(self) -> None:
        """Begin long polling (again, after `stop_receiving`)."""
        assert self.app.updater is not None
        if self.app.updater.running:
            return
        await self.app.updater.start_polling(
            poll_interval=0,
            timeout=self._poll_timeout,
            allowed_updates=["message", "callback_query"],
        )

    async def stop_receiving(self) -> None:
        """Take no new updates (polling or webhook); those already taken are still handled."""
        await self._stop_webhook()
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()

    async def _start_webhook(self, url: str) -> None:
        """Our own webhook server in front of PTB's update queue (PTB's documented custom
        webhook set-up): PTB 22's server compares the secret with `!=`, ours in constant time."""
        self._webhook = WebhookServer(self._webhook_secret, self._accept)
        try:
            self._webhook.listen(self._listen, self._port, _path_of(url))
        except OSError as error:
            raise TransportStartError(
                f"the webhook server cannot listen on {self._listen}:{self._port} "
                f"({type(error).__name__}); check TELEGRAM_WEBHOOK_LISTEN and _PORT."
            ) from None
        await self.app.bot.set_webhook(url=url, secret_token=self._webhook_secret,
                                       allowed_updates=["message", "callback_query"])

    async def _accept(self, data: dict[str, Any]) -> None:
        update = Update.de_json(data, self.app.bot)
        if update is not None:
            await self.app.update_queue.put(update)

    async def _stop_webhook(self) -> None:
        if self._webhook is not None:
            webhook, self._webhook = self._webhook, None
            await webhook.close()

    async def stop(self) -> None:
        await self._stop_webhook()
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    async def send(self, chat_id: str, reply: Reply, *, txn_id: str | None = None) -> None:
        markup = None
        if reply.buttons:
            markup = InlineKeyboardMarkup(
                [[InlineKeyboardButton(b.label, callback_data=b.payload) for b in row]
                 for row in reply.buttons]
            )
        try:
            if reply.file is not None:
                await self._send_file(int(chat_id), reply)
            await self.app.bot.send_message(
                chat_id=int(chat_id), text=reply.text, reply_markup=markup,
                protect_content=reply.protect,
            )
        except RetryAfter as error:
            raise SendError("rate limited", retry_after=_seconds(error)) from None
        except Forbidden:
            raise SendError("blocked by the user", permanent=True) from None
        except BadRequest as error:
            raise SendError(f"bad request: {error.message}", permanent=True) from None
        except (NetworkError, TelegramError) as error:
            raise SendError(f"network: {type(error).__name__}") from None

    async def _send_file(self, chat_id: int, reply: Reply) -> None:
        """A PNG as a photo, anything else as a document; protected like the reply."""
        assert reply.file is not None
        upload = InputFile(reply.file.content, filename=reply.file.filename)
        if reply.file.mime == "image/png":
            await self.app.bot.send_photo(chat_id=chat_id, photo=upload,
                                          protect_content=reply.protect)
        else:
            await self.app.bot.send_document(chat_id=chat_id, document=upload,
                                              protect_content=reply.protect)

    async def _register_commands(self) -> None:
        """Command menus in Dutch (the default) and English, for private chats."""
        for language, pairs in self._commands.items():
            commands = [BotCommand(name, description) for name, description in pairs]
            try:
                await self.app.bot.set_my_commands(
                    commands, scope=BotCommandScopeAllPrivateChats(),
                    language_code=None if language == "nl" else language,
                )
            except TelegramError as error:
                log.warning("could not register the command menu: %s", type(error).__name__)

    async def _on_update(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        incoming = _to_incoming(update)
        if incoming is None or self._on_incoming is None:
            return
        query = update.callback_query
        if query is not None:
            await _acknowledge(query)
        if incoming.file is not None:
            incoming = replace(incoming, file=await self._fetch(incoming.file))
        await self._on_incoming(incoming)

    async def _fetch(self, file: IncomingFile) -> IncomingFile:
        """The file with its bytes; without them when it is too large (then it is not
        downloaded at all) or the download failed: the conversation says which."""
        if file.too_large or file.ref is None:
            return file
        try:
            found = await self.app.bot.get_file(file.ref)
            content = bytes(await found.download_as_bytearray())
        except TelegramError as error:
            log.warning("could not fetch a file: %s", type(error).__name__)
            return file
        if len(content) > MAX_FILE_BYTES:  # the announced size was wrong or missing
            return replace(file, size=len(content))
        return replace(file, size=len(content), content=content)


AUTH_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def secret_matches(expected: str | None, given: str | None) -> bool:
    """Whether a webhook call carries our secret, compared in constant time: how long the
    comparison takes must not tell an attacker how much of a guess was right."""
    if not expected or not given:  # no secret configured lets nothing in, not everything
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


class WebhookServer:
    """The HTTP endpoint Telegram posts updates to: wrong or missing secret → 403, a body that
    is not an update → 400, otherwise the update goes to PTB's queue and Telegram gets 200."""

    def __init__(self, secret: str | None,
                 accept: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        self._secret = secret
        self._accept = accept
        self._server: tornado.httpserver.HTTPServer | None = None

    def listen(self, address: str, port: int, path: str) -> None:
        app = tornado.web.Application(
            [(rf"/{path}/?", _WebhookHandler, {"secret": self._secret, "accept": self._accept})],
            log_function=_no_access_log,
        )
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.listen(port, address=address)

    async def close(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None


class _WebhookHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)

    def initialize(self, secret: str | None,
                   accept: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        self._secret = secret
        self._accept = accept

    async def post(self) -> None:
        if self.request.headers.get("Content-Type") != "application/json":
            raise tornado.web.HTTPError(403)
        if not secret_matches(self._secret, self.request.headers.get(AUTH_HEADER)):
            log.warning("webhook call with a wrong or missing secret refused")
            raise tornado.web.HTTPError(403)
        try:
            data = json.loads(self.request.body)
        except ValueError:
            raise tornado.web.HTTPError(400) from None
        if not isinstance(data, dict):
            raise tornado.web.HTTPError(400)
        await self._accept(data)
        self.set_status(200)

    def log_exception(self, *_args: Any) -> None:
        """Refusals are logged above, without headers or body; nothing else is."""


def _no_access_log(_handler: tornado.web.RequestHandler) -> None:
    """Tornado's access log would write every request line; the update path says nothing."""


Journal = Callable[[list[Incoming]], Awaitable[None]]


class _JournallingBot(ExtBot):  # type: ignore[type-arg]
    """Telegram counts a fetched update as delivered at the next poll, handled or not: so
    the batch is journalled before `get_updates` returns it (design.md §8)."""

    __slots__ = ("journal",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_journal(None)

    def set_journal(self, journal: Journal | None) -> None:
        with self._unfrozen():  # PTB freezes its objects after construction
            self.journal: Journal | None = journal

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        updates = await super().get_updates(*args, **kwargs)
        if self.journal is not None and updates:
            incomings = [i for i in map(_to_incoming, updates) if i is not None]
            if incomings:
                await self.journal(incomings)
        return updates


class _JournallingQueue(asyncio.Queue[object]):
    """PTB's update queue; with a webhook, each update is journalled before it is queued,
    so Telegram gets its 200 only for an update that is written down."""

    def __init__(self) -> None:
        super().__init__()
        self.journal: Journal | None = None

    async def put(self, item: object) -> None:
        if self.journal is not None and isinstance(item, Update):
            incoming = _to_incoming(item)
            if incoming is not None:
                await self.journal([incoming])
        await super().put(item)


def _to_incoming(update: Update) -> Incoming | None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    common = {
        "transport": TRANSPORT,
        "user_id": str(user.id),
        "chat_id": str(chat.id),
        "private": chat.type == ChatType.PRIVATE,
        "language": user.language_code,
        "update_id": str(update.update_id),
    }
    if update.callback_query is not None:
        return Incoming(button=update.callback_query.data or "", **common)  # type: ignore[arg-type]
    message = update.message
    if message is None:
        return None
    text = message.text or message.caption or ""
    return Incoming(text=text, file=_file_of(message), **common)  # type: ignore[arg-type]


def _file_of(message: Message) -> IncomingFile | None:
    """A document, or a photo in its largest size, as Telegram announces it; the bytes are
    fetched when the update is handled (never for the journal)."""
    if message.document is not None:
        document = message.document
        return IncomingFile(document.file_name or "",
                            document.mime_type or "application/octet-stream",
                            document.file_size or 0, ref=document.file_id)
    if message.photo:
        photo = message.photo[-1]
        return IncomingFile("foto.jpg", "image/jpeg", photo.file_size or 0, ref=photo.file_id)
    return None


async def _acknowledge(query: CallbackQuery) -> None:
    """Stop the button's spinner and take the keyboard off the card, so it is pressed once."""
    try:
        await query.answer()
        if query.message is not None:
            await query.edit_message_reply_markup(reply_markup=None)
    except TelegramError as error:
        log.debug("could not acknowledge a button press: %s", type(error).__name__)


def _seconds(error: RetryAfter) -> float:
    # The stored timedelta; the public property warns while PTB migrates it to timedelta.
    return error._retry_after.total_seconds()


def _normalise_base(url: str) -> str:
    """Accept the API root with or without '/bot': PTB appends the token to this."""
    url = url.rstrip("/")
    return url if url.endswith("/bot") else url + "/bot"


def _path_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


async def fetch_username(token: str, base_url: str | None = None) -> str | None:
    """The bot's @username, for invite links."""
    bot = Bot(token, base_url=_normalise_base(base_url) if base_url else DEFAULT_BASE)
    async with bot:
        return bot.username
