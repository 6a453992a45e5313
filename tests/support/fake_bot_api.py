"""A fake Telegram Bot API server for tests.

``FakeBotApi`` is a small aiohttp server on 127.0.0.1 that speaks enough of the Bot API for
python-telegram-bot's real HTTP stack (``telegram.Bot`` / ``telegram.ext.Application``) to run
against it unchanged: point PTB's ``base_url`` at :attr:`FakeBotApi.base_url`.

How PTB 22 talks to it (see ``telegram/request/_httpxrequest.py`` and ``_requestdata.py``):
every call is a POST. Without files the body is ``application/x-www-form-urlencoded``; with a
file upload it is ``multipart/form-data``. In both cases each value is a *string*: string
parameters are sent as-is, everything else (ints, bools, reply_markup, lists) is
``json.dumps``-ed. The server therefore decodes values back to Python objects by parameter
name (see :func:`decode_param`). JSON bodies and GET query strings are accepted as well.

Everything runs on the event loop that entered ``async with FakeBotApi()``; call the ``push_*``
helpers from that loop.

Example::

    async with FakeBotApi(token=FAKE_TOKEN) as api:
        bot = telegram.Bot(FAKE_TOKEN, base_url=api.base_url)
        async with bot:
            await bot.send_message(42, "hoi")
        assert api.sent_texts(42) == ["hoi"]
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

from aiohttp import BodyPartReader, ClientSession, ClientTimeout, web

__all__ = [
    "BOT_FIRST_NAME",
    "BOT_USERNAME",
    "Call",
    "FakeBotApi",
    "UploadedFile",
    "Webhook",
    "decode_param",
]

JsonDict = dict[str, Any]

# Shaped like a real token (the settings refuse any other shape); the fake server's only one.
FAKE_TOKEN = "123456:TEST-token-for-the-fake-Bot-API-0000"
BOT_USERNAME = "netwerkregie_test_bot"
BOT_FIRST_NAME = "Netwerkregie Test"
DEFAULT_GROUP_USER_ID = 1000
MAX_MESSAGE_LENGTH = 4096
MAX_UPLOAD_BYTES = 50 * 1024 * 1024

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}

# Parameters whose values are free text: never decoded, even if they look like JSON or numbers.
_TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "data",
        "query",
        "description",
        "short_description",
        "name",
        "title",
        "question",
        "explanation",
        "message_text",
        "url",
        "secret_token",
        "parse_mode",
        "action",
        "language_code",
    }
)
# Integer parameters that don't follow the ``*_id`` naming rule.
_INT_PARAMS = frozenset(
    {
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "max_connections",
        "duration",
        "width",
        "height",
        "until_date",
        "length",
    }
)
# ``*_id`` parameters that Telegram defines as strings.
_STRING_ID_PARAMS = frozenset(
    {
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "file_id",
        "file_unique_id",
        "custom_emoji_id",
        "business_connection_id",
        "message_effect_id",
        "shipping_query_id",
        "pre_checkout_query_id",
        "web_app_query_id",
        "gift_id",
        "telegram_payment_charge_id",
        "owned_gift_id",
    }
)
_INT_RE = re.compile(r"-?\d+")


def decode_param(name: str, value: str) -> Any:
    """Turn one string-encoded Bot API parameter back into the Python value PTB started from."""
    if name in _TEXT_PARAMS:
        return value
    if value in ("true", "false"):
        return value == "true"
    is_int_param = name in _INT_PARAMS or (name.endswith("_id") and name not in _STRING_ID_PARAMS)
    if is_int_param and _INT_RE.fullmatch(value):
        return int(value)
    if value.startswith(("{", "[")):
        with contextlib.suppress(ValueError):
            return json.loads(value)
    return value


@dataclass(frozen=True)
class UploadedFile:
    """A file that arrived as a multipart upload."""

    param: str
    filename: str | None
    content_type: str | None
    content: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass
class Call:
    """One Bot API request as the fake received it.

    ``params`` holds decoded values (``reply_markup`` is a dict, ``chat_id`` an int); an uploaded
    file appears both in ``params`` and in ``files`` as an :class:`UploadedFile`. ``status`` and
    ``result`` are filled in once the fake has answered (HTTP status and the ``result`` field).
    """

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)
    status: int = 200
    result: Any = None
    at: float = 0.0  # when it arrived, by the fake's `clock` (seconds)


TIMED_OUT = 0  # the status of a call the fake let time out without performing it


@dataclass(frozen=True)
class _RandomFaults:
    """Faults injected at random into one method (see `FakeBotApi.fail_at_random`)."""

    rate: float
    kinds: tuple[str, ...]
    retry_after: int
    hang: float


@dataclass
class Webhook:
    """What the bot registered with ``setWebhook``."""

    url: str
    secret_token: str | None = None
    allowed_updates: list[str] | None = None
    max_connections: int | None = None


@dataclass(frozen=True)
class _Fault:
    status: int
    description: str
    parameters: JsonDict | None


class _ApiError(Exception):
    def __init__(self, status: int, description: str, parameters: JsonDict | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


class _Signal:
    """Wake-all notification that can be fired from synchronous code.

    Waiters take the current event before checking their predicate; ``notify`` sets it and
    installs a fresh one, so no wake-up is lost and nobody spins.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_until(self, predicate: Callable[[], bool]) -> None:
        while True:
            event = self._event
            if predicate():
                return
            await event.wait()


def _error_response(
    status: int, description: str, parameters: JsonDict | None = None
) -> web.Response:
    body: JsonDict = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


_Handler = Callable[[dict[str, Any]], Any]


def _generic_method(params: dict[str, Any]) -> bool:
    """Unknown methods succeed with ``true`` (they are still recorded)."""
    return True


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _inline_keyboard(markup: Any) -> list[list[JsonDict]] | None:
    if isinstance(markup, dict):
        keyboard = markup.get("inline_keyboard")
        if isinstance(keyboard, list):
            return keyboard
    return None


class FakeBotApi:
    """An in-process Telegram Bot API for tests; see the module docstring."""

    def __init__(
        self,
        token: str = FAKE_TOKEN,
        *,
        host: str = "127.0.0.1",
    ) -> None:
        self.token = token
        self.host = host
        self.port: int | None = None
        self.calls: list[Call] = []
        self.webhook: Webhook | None = None
        self.my_commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.uploaded_files: dict[str, UploadedFile] = {}

        bot_id = token.split(":", 1)[0]
        self.bot_user: JsonDict = {
            "id": int(bot_id) if bot_id.isdigit() else 123456,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

        self._pending: list[JsonDict] = []
        self._update_ids = itertools.count(100_001)
        self._callback_ids = itertools.count(7_000_000_000_001)
        self._file_ids = itertools.count(1)
        self._message_ids: dict[int, int] = {}
        self._messages: dict[tuple[int, int], JsonDict] = {}
        self._chats: dict[int, JsonDict] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._random_faults: dict[str, _RandomFaults] = {}
        self._random = random.Random(0)
        # What `Call.at` is measured with; a test with a FakeClock may put its clock here.
        self.clock: Callable[[], float] = time.monotonic
        self._calls_signal = _Signal()
        self._updates_signal = _Signal()
        self._closing = False
        self._runner: web.AppRunner | None = None

        self._handlers: dict[str, _Handler] = {
            "getme": self._get_me,
            "deletewebhook": self._delete_webhook,
            "setwebhook": self._set_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": _generic_method,
            "sendchataction": _generic_method,
            "senddocument": self._send_document,
            "sendphoto": self._send_photo,
            "getfile": self._get_file,
        }

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """Pass as PTB's ``base_url``; PTB appends ``f"{token}/{method}"``."""
        return f"{self._origin}/bot"

    @property
    def base_file_url(self) -> str:
        """Pass as PTB's ``base_file_url`` to download files uploaded to the fake."""
        return f"{self._origin}/file/bot"

    @property
    def _origin(self) -> str:
        if self.port is None:
            raise RuntimeError("FakeBotApi is not running; use `async with FakeBotApi()`")
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        # A short shutdown_timeout: open long polls are released explicitly in stop().
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self.host, 0)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        self._closing = False

    async def stop(self) -> None:
        """Release every waiting getUpdates long poll, then shut the server down."""
        self._closing = True
        self._updates_signal.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # ------------------------------------------------------------------ inspecting calls

    def calls_to(self, method: str) -> list[Call]:
        """All recorded calls of ``method`` (case-insensitive, like Telegram), oldest first."""
        wanted = method.lower()
        return [call for call in self.calls if call.method.lower() == wanted]

    def sends_per_second(self) -> tuple[Counter[int], Counter[tuple[int, int]]]:
        """Messages that arrived, counted per whole second of ``clock`` in all and per
        (chat, second): what Telegram's flood limits are about."""
        methods = {"sendmessage", "senddocument", "sendphoto"}
        arrived = [call for call in self.calls
                   if call.method.lower() in methods and call.status == 200]
        total = Counter(int(call.at) for call in arrived)
        per_chat = Counter((int(call.params["chat_id"]), int(call.at)) for call in arrived)
        return total, per_chat

    async def wait_for_call(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109 - a deadline is this helper's whole point
    ) -> list[Call]:
        """Wait until at least ``count`` calls of ``method`` have arrived in total; return them."""

        def enough() -> bool:
            return len(self.calls_to(method)) >= count

        try:
            async with asyncio.timeout(timeout):
                await self._calls_signal.wait_until(enough)
        except TimeoutError:
            received = Counter(call.method for call in self.calls)
            summary = ", ".join(f"{name} x{n}" for name, n in received.items()) or "nothing"
            raise TimeoutError(
                f"waited {timeout}s for {count} call(s) to {method}, got "
                f"{len(self.calls_to(method))}; received so far: {summary}"
            ) from None
        return self.calls_to(method)

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        """Texts of successful sendMessage calls, optionally only those to ``chat_id``."""
        return [
            str(call.params.get("text"))
            for call in self.calls_to("sendMessage")
            if call.status == 200 and (chat_id is None or call.params.get("chat_id") == chat_id)
        ]

    def last_keyboard(self, chat_id: int) -> list[list[JsonDict]] | None:
        """``inline_keyboard`` of the last successful sendMessage/editMessage* to ``chat_id``.

        ``None`` if that message had no inline keyboard (or an edit removed it).
        """
        for call in reversed(self.calls):
            if call.status != 200 or call.params.get("chat_id") != chat_id:
                continue
            method = call.method.lower()
            if method == "sendmessage" or method.startswith("editmessage"):
                return _inline_keyboard(call.params.get("reply_markup"))
        return None

    def message(self, chat_id: int, message_id: int) -> JsonDict | None:
        """Current state of a message the bot sent (after edits), or None."""
        return self._messages.get((chat_id, message_id))

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates pushed but not yet confirmed by a getUpdates offset."""
        return list(self._pending)

    def commands_for(
        self, language_code: str = "", scope: JsonDict | None = None
    ) -> list[JsonDict]:
        """Commands stored by setMyCommands for this scope/language ([] if none)."""
        return list(self.my_commands.get(self._commands_key(scope, language_code), []))

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        description: str | None = None,
        *,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with Telegram's error shape.

        429 answers carry ``parameters.retry_after`` (PTB raises ``RetryAfter``); 403 defaults to
        "Forbidden: bot was blocked by the user"; anything else gets a generic description.
        Faults queue up per method, oldest first. The failed calls are recorded with that status.
        """
        parameters: JsonDict | None = None
        if status == 429:
            parameters = {"retry_after": retry_after}
            default = f"Too Many Requests: retry after {retry_after}"
        else:
            default = _DEFAULT_DESCRIPTIONS.get(status, "Internal Server Error")
        fault = _Fault(status, description or default, parameters)
        self._faults.setdefault(method.lower(), []).extend([fault] * times)

    def fail_at_random(
        self,
        method: str,
        rate: float,
        *,
        kinds: tuple[str, ...] = ("429", "500", "502", "timeout"),
        retry_after: int = 1,
        hang: float = 1.0,
        seed: int = 0,
    ) -> None:
        """Make a share ``rate`` of the calls of ``method`` fail, each with a random kind:
        "429" (with ``retry_after``), a 5xx status, or "timeout": the fake holds the request
        ``hang`` seconds and answers nothing useful, without performing it (recorded with
        status ``TIMED_OUT``; give the client a shorter read timeout). Seeded: repeatable."""
        self._random = random.Random(seed)
        self._random_faults[method.lower()] = _RandomFaults(rate, kinds, retry_after, hang)

    def stop_failing(self, method: str) -> None:
        self._random_faults.pop(method.lower(), None)

    async def _random_fault(self, call: Call, chance: _RandomFaults) -> None:
        kind = self._random.choice(chance.kinds)
        if kind == "timeout":
            call.status = TIMED_OUT
            await asyncio.sleep(chance.hang)
            raise _ApiError(504, "Gateway Timeout")
        status = int(kind)
        parameters = {"retry_after": chance.retry_after} if status == 429 else None
        description = (f"Too Many Requests: retry after {chance.retry_after}" if status == 429
                       else _DEFAULT_DESCRIPTIONS.get(status, "Internal Server Error"))
        raise _ApiError(status, description, parameters)

    # ------------------------------------------------------------------ pushing updates

    def text_update(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Test",
        language_code: str = "nl",
    ) -> JsonDict:
        """Build (not queue) a private-chat text ``message`` update with a fresh update_id."""
        user = self._user(chat_id if user_id is None else user_id, first_name, language_code)
        chat = {"id": chat_id, "type": "private", "first_name": first_name}
        return self._message_update(chat, user, text)

    def group_text_update(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int = DEFAULT_GROUP_USER_ID,
        first_name: str = "Test",
        language_code: str = "nl",
        title: str = "Testgroep",
    ) -> JsonDict:
        """Build (not queue) a ``message`` update in a group chat (type "group")."""
        user = self._user(user_id, first_name, language_code)
        chat = {"id": chat_id, "type": "group", "title": title}
        return self._message_update(chat, user, text)

    def callback_update(
        self,
        chat_id: int,
        data: str,
        *,
        message_id: int,
        user_id: int | None = None,
        first_name: str = "Test",
        language_code: str = "nl",
    ) -> JsonDict:
        """Build (not queue) a ``callback_query`` update for a button on bot message
        ``message_id``. If the fake doesn't know that message, a minimal one is made up."""
        user = self._user(chat_id if user_id is None else user_id, first_name, language_code)
        message = self._messages.get((chat_id, message_id)) or {
            "message_id": message_id,
            "from": self.bot_user,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            "text": "",
        }
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._callback_ids)),
                "from": user,
                "message": copy.deepcopy(message),
                "chat_instance": str(4_000_000_000_000 + abs(chat_id)),
                "data": data,
            },
        }

    def push_update(self, update: JsonDict) -> int:
        """Queue any update dict for getUpdates (assigning an update_id if missing)."""
        if "update_id" not in update:
            update["update_id"] = next(self._update_ids)
        self._pending.append(update)
        self._pending.sort(key=lambda u: int(u["update_id"]))
        self._updates_signal.notify()
        return int(update["update_id"])

    def push_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Test",
        language_code: str = "nl",
    ) -> int:
        """Queue a private-chat text message as the user would send it; returns the update_id."""
        return self.push_update(
            self.text_update(
                chat_id, text, user_id=user_id, first_name=first_name, language_code=language_code
            )
        )

    def push_document(
        self,
        chat_id: int,
        filename: str,
        content: bytes,
        mime_type: str,
        *,
        caption: str | None = None,
        user_id: int | None = None,
    ) -> int:
        """Queue a private-chat document as the user would upload it (the bot can fetch it with
        getFile and the file URL); returns the update_id."""
        upload = UploadedFile("document", filename, mime_type, content)
        document = self._file_object(upload, "document")
        update = self.text_update(chat_id, "", user_id=user_id)
        message = update["message"]
        del message["text"]
        message["document"] = document
        if caption:
            message["caption"] = caption
        return self.push_update(update)

    def push_group_text(
        self, chat_id: int, text: str, *, user_id: int = DEFAULT_GROUP_USER_ID
    ) -> int:
        """Queue a text message in a group chat; returns the update_id."""
        return self.push_update(self.group_text_update(chat_id, text, user_id=user_id))

    def push_callback(
        self, chat_id: int, data: str, *, message_id: int, user_id: int | None = None
    ) -> int:
        """Queue an inline-button press on bot message ``message_id``; returns the update_id."""
        return self.push_update(
            self.callback_update(chat_id, data, message_id=message_id, user_id=user_id)
        )

    async def deliver_webhook(
        self,
        update: JsonDict,
        url: str | None = None,
        secret_token: str | None = None,
    ) -> int:
        """POST ``update`` to a bot's webhook like Telegram does; returns the HTTP status.

        ``url``/``secret_token`` default to what the bot registered with setWebhook.
        """
        if url is None:
            if self.webhook is None:
                raise RuntimeError("no webhook registered and no url given")
            url = self.webhook.url
            if secret_token is None:
                secret_token = self.webhook.secret_token
        if "update_id" not in update:
            update["update_id"] = next(self._update_ids)
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret_token} if secret_token else {}
        async with (
            ClientSession(timeout=ClientTimeout(total=10)) as session,
            session.post(url, json=update, headers=headers) as response,
        ):
            await response.read()
            return response.status

    # ------------------------------------------------------------------ HTTP layer

    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error_response(401, "Unauthorized")
        method = request.match_info["method"]
        try:
            params, files = await self._read_params(request)
        except _ApiError as err:
            return _error_response(err.status, err.description)

        call = Call(method=method, params=params, files=files, at=self.clock())
        self.calls.append(call)
        self._calls_signal.notify()

        faults = self._faults.get(method.lower())
        chance = self._random_faults.get(method.lower())
        try:
            if faults:
                fault = faults.pop(0)
                raise _ApiError(fault.status, fault.description, fault.parameters)
            if chance is not None and self._random.random() < chance.rate:
                await self._random_fault(call, chance)
            if method.lower() == "getupdates":
                result = await self._get_updates(params)
            else:
                handler: _Handler = self._handlers.get(method.lower()) or _generic_method
                result = handler(params)
        except _ApiError as err:
            if call.status != TIMED_OUT:
                call.status = err.status
            self._calls_signal.notify()
            return _error_response(err.status, err.description, err.parameters)
        call.result = result
        self._calls_signal.notify()
        return web.json_response({"ok": True, "result": result})

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        params: dict[str, Any] = {k: decode_param(k, v) for k, v in request.query.items()}
        files: dict[str, UploadedFile] = {}
        if request.method != "POST" or not request.can_read_body:
            return params, files
        content_type = request.content_type
        if content_type == "application/json":
            try:
                body = await request.json()
            except ValueError as exc:
                raise _ApiError(400, "Bad Request: can't parse JSON body") from exc
            if not isinstance(body, dict):
                raise _ApiError(400, "Bad Request: JSON body must be an object")
            for key, value in body.items():
                params[key] = decode_param(key, value) if isinstance(value, str) else value
        elif content_type == "multipart/form-data":
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                if part.filename is not None:
                    upload = UploadedFile(
                        param=part.name,
                        filename=part.filename,
                        content_type=part.headers.get("Content-Type"),
                        content=bytes(await part.read()),
                    )
                    files[part.name] = upload
                    params[part.name] = upload
                else:
                    params[part.name] = decode_param(part.name, await part.text())
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, str):
                    params[key] = decode_param(key, value)
        return params, files

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error_response(401, "Unauthorized")
        path = request.match_info["path"]
        for file_id, upload in self.uploaded_files.items():
            if self._file_path(file_id) == path:
                return web.Response(body=upload.content, content_type="application/octet-stream")
        return _error_response(404, "Not Found")

    # ------------------------------------------------------------------ method implementations

    def _get_me(self, params: dict[str, Any]) -> JsonDict:
        return self.bot_user

    async def _get_updates(self, params: dict[str, Any]) -> list[JsonDict]:
        if self.webhook is not None:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = float(params.get("timeout") or 0)
        if offset > 0:
            self._pending = [u for u in self._pending if int(u["update_id"]) >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        if timeout > 0:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._updates_signal.wait_until(
                        lambda: bool(self._pending) or self._closing
                    )
        return self._pending[:limit]

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        url = params.get("url")
        if not url:
            # Telegram treats an empty url as "remove the webhook".
            self.webhook = None
            return True
        allowed = params.get("allowed_updates")
        self.webhook = Webhook(
            url=str(url),
            secret_token=params.get("secret_token"),
            allowed_updates=allowed if isinstance(allowed, list) else None,
            max_connections=params.get("max_connections"),
        )
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> JsonDict:
        info: JsonDict = {
            "url": self.webhook.url if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self.webhook is not None:
            if self.webhook.max_connections is not None:
                info["max_connections"] = self.webhook.max_connections
            if self.webhook.allowed_updates is not None:
                info["allowed_updates"] = self.webhook.allowed_updates
        return info

    @staticmethod
    def _commands_key(scope: Any, language_code: Any) -> tuple[str, str]:
        scope_key = json.dumps(scope, sort_keys=True) if scope else '{"type": "default"}'
        return scope_key, str(language_code or "")

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _ApiError(400, "Bad Request: can't parse commands JSON object")
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self.my_commands[key] = commands
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[JsonDict]:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        return self.my_commands.get(key, [])

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self.my_commands.pop(key, None)
        return True

    def _send_message(self, params: dict[str, Any]) -> JsonDict:
        chat_id = self._require_chat_id(params)
        text = params.get("text")
        if not text:
            raise _ApiError(400, "Bad Request: message text is empty")
        text = str(text)
        if len(text) > MAX_MESSAGE_LENGTH:
            raise _ApiError(400, "Bad Request: message is too long")
        message = self._new_bot_message(chat_id, params)
        message["text"] = text
        if isinstance(params.get("entities"), list):
            message["entities"] = params["entities"]
        return message

    def _send_document(self, params: dict[str, Any]) -> JsonDict:
        chat_id = self._require_chat_id(params)
        document = self._file_object(params.get("document"), "document")
        message = self._new_bot_message(chat_id, params)
        message["document"] = document
        return message

    def _send_photo(self, params: dict[str, Any]) -> JsonDict:
        chat_id = self._require_chat_id(params)
        base = self._file_object(params.get("photo"), "photo")
        sizes = [(90, 67), (800, 600)]
        message = self._new_bot_message(chat_id, params)
        message["photo"] = [
            {
                "file_id": f"{base['file_id']}_{width}",
                "file_unique_id": f"{base['file_unique_id']}_{width}",
                "width": width,
                "height": height,
                "file_size": base.get("file_size", 0),
            }
            for width, height in sizes
        ]
        return message

    def _edit_message_text(self, params: dict[str, Any]) -> JsonDict | bool:
        if params.get("inline_message_id"):
            return True
        text = params.get("text")
        if not text:
            raise _ApiError(400, "Bad Request: message text is empty")
        current = self._message_to_edit(params)
        markup = params.get("reply_markup")
        if current.get("text") == str(text) and current.get("reply_markup") == markup:
            raise _ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        current["text"] = str(text)
        return self._apply_edit(current, markup)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> JsonDict | bool:
        if params.get("inline_message_id"):
            return True
        current = self._message_to_edit(params)
        markup = params.get("reply_markup")
        if current.get("reply_markup") == markup:
            raise _ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        return self._apply_edit(current, markup)

    def _delete_message(self, params: dict[str, Any]) -> bool:
        chat_id = self._require_chat_id(params)
        if self._messages.pop((chat_id, int(params.get("message_id") or 0)), None) is None:
            raise _ApiError(400, "Bad Request: message to delete not found")
        return True

    def _get_file(self, params: dict[str, Any]) -> JsonDict:
        file_id = str(params.get("file_id"))
        upload = self.uploaded_files.get(file_id)
        if upload is None:
            raise _ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": upload.size,
            "file_path": self._file_path(file_id),
        }

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _user(user_id: int, first_name: str, language_code: str) -> JsonDict:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }

    def _chat(self, chat_id: int) -> JsonDict:
        known = self._chats.get(chat_id)
        if known is not None:
            return dict(known)
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "Test"}
        if chat_id <= -1_000_000_000_000:
            return {"id": chat_id, "type": "supergroup", "title": "Testgroep"}
        return {"id": chat_id, "type": "group", "title": "Testgroep"}

    def _next_message_id(self, chat_id: int) -> int:
        # Like Telegram in private chats: user and bot messages share one counter per chat.
        self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
        return self._message_ids[chat_id]

    def _message_update(self, chat: JsonDict, user: JsonDict, text: str) -> JsonDict:
        self._chats[int(chat["id"])] = chat
        message: JsonDict = {
            "message_id": self._next_message_id(int(chat["id"])),
            "from": user,
            "chat": dict(chat),
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(command)}
            ]
        return {"update_id": next(self._update_ids), "message": message}

    @staticmethod
    def _require_chat_id(params: dict[str, Any]) -> int:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _ApiError(400, "Bad Request: chat_id is empty")
        if not isinstance(chat_id, int) or isinstance(chat_id, bool):
            raise _ApiError(400, "Bad Request: chat not found")
        return chat_id

    def _new_bot_message(self, chat_id: int, params: dict[str, Any]) -> JsonDict:
        message: JsonDict = {
            "message_id": self._next_message_id(chat_id),
            "from": self.bot_user,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
        }
        if params.get("caption"):
            message["caption"] = str(params["caption"])
        # Telegram only echoes inline keyboards; reply keyboards don't appear on the Message.
        if _inline_keyboard(params.get("reply_markup")) is not None:
            message["reply_markup"] = params["reply_markup"]
        self._messages[(chat_id, message["message_id"])] = message
        return copy.deepcopy(message)

    def _message_to_edit(self, params: dict[str, Any]) -> JsonDict:
        chat_id = self._require_chat_id(params)
        message = self._messages.get((chat_id, int(params.get("message_id") or 0)))
        if message is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        return message

    @staticmethod
    def _apply_edit(message: JsonDict, markup: Any) -> JsonDict:
        # Like Telegram: an edit without reply_markup removes the inline keyboard.
        if _inline_keyboard(markup) is not None:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _file_object(self, value: Any, kind: str) -> JsonDict:
        if isinstance(value, UploadedFile):
            file_id = f"{kind}-{next(self._file_ids)}"
            self.uploaded_files[file_id] = value
            obj: JsonDict = {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": value.size,
            }
            if kind == "document":
                if value.filename:
                    obj["file_name"] = value.filename
                if value.content_type:
                    obj["mime_type"] = value.content_type
            return obj
        if isinstance(value, str) and value:
            # A file_id or URL: Telegram would resolve it; we echo it as the file_id.
            return {"file_id": value, "file_unique_id": f"u{value}"[:32]}
        raise _ApiError(400, f"Bad Request: there is no {kind} in the request")

    @staticmethod
    def _file_path(file_id: str) -> str:
        return f"documents/{file_id}"
