"""Telegram through python-telegram-bot, run inside our own event loop.

PTB is used for its HTTP stack, update parsing and polling/webhook plumbing only; no
ConversationHandler, user_data or JobQueue — all state is in the database.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from urllib.parse import urlsplit

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
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
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.conversation.events import Incoming, Reply
from bot.transports.base import IncomingHandler, SendError, TransportStartError

log = logging.getLogger(__name__)

# Opt in to PTB's timedelta durations now: without it every 429 answer emits a deprecation
# warning while PTB builds the RetryAfter error (read at call time, so setting it here works).
os.environ.setdefault("PTB_TIMEDELTA", "true")

TRANSPORT = "telegram"
DEFAULT_BASE = "https://api.telegram.org/bot"


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
    ) -> None:
        builder = ApplicationBuilder().token(token)
        if base_url:
            builder = builder.base_url(_normalise_base(base_url))
            builder = builder.base_file_url(_normalise_base(base_url).removesuffix("/bot")
                                            + "/file/bot")
        self.app: Application = builder.build()  # type: ignore[type-arg]
        self._webhook_url = webhook_url
        self._webhook_secret = webhook_secret
        self._listen = webhook_listen
        self._port = webhook_port
        self._commands = commands or {}
        self._poll_timeout = poll_timeout
        self._on_incoming: IncomingHandler | None = None

    async def start(self, on_incoming: IncomingHandler) -> None:
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
            await self.app.updater.start_webhook(
                listen=self._listen,
                port=self._port,
                url_path=_path_of(self._webhook_url),
                webhook_url=self._webhook_url,
                secret_token=self._webhook_secret,
                allowed_updates=["message", "callback_query"],
            )
        else:
            await self.app.updater.start_polling(
                poll_interval=0,
                timeout=self._poll_timeout,
                allowed_updates=["message", "callback_query"],
            )

    async def stop(self) -> None:
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
        await self._on_incoming(incoming)


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
    return Incoming(text=text, **common)  # type: ignore[arg-type]


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
