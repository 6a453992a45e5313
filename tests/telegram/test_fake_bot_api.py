"""python-telegram-bot's real HTTP stack runs against the fake Bot API server."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import io
import socket
from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientSession
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.support.fake_bot_api import BOT_USERNAME, FakeBotApi

TOKEN = "123456:TEST-token-for-the-fake-Bot-API-0000"
CHAT = 4242

KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Ja", callback_data="visit:yes"),
            InlineKeyboardButton("Nee", callback_data="visit:no"),
        ]
    ]
)
KEYBOARD_JSON = [
    [
        {"text": "Ja", "callback_data": "visit:yes"},
        {"text": "Nee", "callback_data": "visit:no"},
    ]
]


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(token=TOKEN) as fake:
        yield fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url) as real_bot:
        yield real_bot


@contextlib.asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Run ``app`` with long polling on the current loop, stopping it within a deadline."""
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield app
        finally:
            async with asyncio.timeout(5):
                await app.updater.stop()
                await app.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- plain Bot


async def test_a_real_bot_gets_the_fake_bot_user(api: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()

    assert me.is_bot
    assert me.username == BOT_USERNAME
    assert bot.username == BOT_USERNAME
    assert me.id == 123456
    assert [call.method for call in api.calls] == ["getMe", "getMe"]


async def test_a_sent_inline_keyboard_is_recorded_decoded(api: FakeBotApi, bot: Bot) -> None:
    message = await bot.send_message(CHAT, "Was het bezoek nuttig?", reply_markup=KEYBOARD)

    assert message.text == "Was het bezoek nuttig?"
    assert message.chat.id == CHAT
    assert message.chat.type == "private"
    assert message.from_user is not None
    assert message.from_user.username == BOT_USERNAME
    assert message.reply_markup == KEYBOARD
    (call,) = api.calls_to("sendMessage")
    assert call.params["chat_id"] == CHAT
    assert call.params["reply_markup"] == {"inline_keyboard": KEYBOARD_JSON}
    assert call.result["message_id"] == message.message_id
    assert api.sent_texts(CHAT) == ["Was het bezoek nuttig?"]
    assert api.last_keyboard(CHAT) == KEYBOARD_JSON


async def test_message_ids_increase_and_reply_keyboards_are_not_echoed(
    api: FakeBotApi, bot: Bot
) -> None:
    first = await bot.send_message(CHAT, "een")
    second = await bot.send_message(CHAT, "twee", reply_markup=ReplyKeyboardMarkup([["Ja", "Nee"]]))

    assert second.message_id == first.message_id + 1
    assert second.reply_markup is None
    assert api.calls_to("sendMessage")[1].params["reply_markup"]["keyboard"] == [
        [{"text": "Ja"}, {"text": "Nee"}]
    ]
    assert api.last_keyboard(CHAT) is None


async def test_edits_change_the_keyboard_and_unchanged_edits_are_rejected(
    api: FakeBotApi, bot: Bot
) -> None:
    sent = await bot.send_message(CHAT, "Kies", reply_markup=KEYBOARD)

    edited = await bot.edit_message_text("Gekozen: ja", chat_id=CHAT, message_id=sent.message_id)
    assert not isinstance(edited, bool)
    assert edited.text == "Gekozen: ja"
    assert edited.reply_markup is None
    assert api.last_keyboard(CHAT) is None

    await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=KEYBOARD)
    assert api.last_keyboard(CHAT) == KEYBOARD_JSON

    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=CHAT, message_id=999)


async def test_an_uploaded_document_is_recorded_and_can_be_downloaded_again(
    api: FakeBotApi, bot: Bot
) -> None:
    content = b"verslag van het bezoek\n"

    message = await bot.send_document(
        CHAT, document=io.BytesIO(content), filename="verslag.txt", caption="Verslag"
    )

    (call,) = api.calls_to("sendDocument")
    upload = call.files["document"]
    assert upload.filename == "verslag.txt"
    assert upload.size == len(content)
    assert call.params["caption"] == "Verslag"
    assert message.document is not None
    assert message.document.file_name == "verslag.txt"
    assert message.document.file_size == len(content)
    assert message.caption == "Verslag"
    telegram_file = await bot.get_file(message.document.file_id)
    assert bytes(await telegram_file.download_as_bytearray()) == content


async def test_an_uploaded_photo_comes_back_as_photo_sizes(api: FakeBotApi, bot: Bot) -> None:
    message = await bot.send_photo(CHAT, photo=io.BytesIO(b"\x89PNG fake"), filename="foto.png")

    assert len(message.photo) == 2
    assert api.calls_to("sendPhoto")[0].files["photo"].filename == "foto.png"


async def test_commands_can_be_set_read_and_deleted(api: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_commands([("start", "Begin"), ("help", "Hulp")], language_code="nl")

    commands = await bot.get_my_commands(language_code="nl")
    assert [(c.command, c.description) for c in commands] == [("start", "Begin"), ("help", "Hulp")]
    assert api.commands_for("nl")[0] == {"command": "start", "description": "Begin"}
    assert await bot.get_my_commands() == ()

    await bot.delete_my_commands(language_code="nl")
    assert await bot.get_my_commands(language_code="nl") == ()


async def test_unknown_methods_succeed_and_are_recorded(api: FakeBotApi, bot: Bot) -> None:
    assert await bot.do_api_request("sendFutureThing", {"note": "hoi"})
    assert api.calls_to("sendFutureThing")[0].params == {"note": "hoi"}


async def test_json_bodies_and_get_query_strings_are_decoded_too(api: FakeBotApi) -> None:
    async with ClientSession() as session:
        url = f"{api.base_url}{TOKEN}/sendMessage"
        async with session.post(url, json={"chat_id": 7, "text": "123"}) as response:
            assert response.status == 200
        async with session.get(url, params={"chat_id": "8", "text": "[geen json]"}) as response:
            assert (await response.json())["result"]["text"] == "[geen json]"

    assert [call.params for call in api.calls_to("sendMessage")] == [
        {"chat_id": 7, "text": "123"},
        {"chat_id": 8, "text": "[geen json]"},
    ]


# --------------------------------------------------------------------------- updates


async def test_pushed_updates_parse_as_ptb_updates_and_offset_confirms_them(
    api: FakeBotApi, bot: Bot
) -> None:
    sent = await bot.send_message(CHAT, "Kies", reply_markup=KEYBOARD)
    text_id = api.push_text(CHAT, "/start nieuw")
    group_id = api.push_group_text(-77, "hallo groep")
    callback_id = api.push_callback(CHAT, "visit:yes", message_id=sent.message_id)

    updates = await bot.get_updates(timeout=0)

    assert [u.update_id for u in updates] == [text_id, group_id, callback_id]
    command, group, press = updates
    assert filters.COMMAND.check_update(command)
    assert command.effective_user is not None
    assert command.effective_user.language_code == "nl"
    assert group.effective_chat is not None
    assert group.effective_chat.type == "group"
    assert not filters.COMMAND.check_update(group)
    assert press.callback_query is not None
    assert press.callback_query.data == "visit:yes"
    assert press.callback_query.message is not None
    assert press.callback_query.message.message_id == sent.message_id
    assert press.callback_query.message.chat.id == CHAT

    assert await bot.get_updates(offset=callback_id + 1, timeout=0) == ()
    assert api.pending_updates == []


async def test_a_long_poll_wakes_as_soon_as_an_update_is_pushed(api: FakeBotApi, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await api.wait_for_call("getUpdates")
    assert not poll.done()

    update_id = api.push_text(CHAT, "hallo")

    async with asyncio.timeout(2):
        updates = await poll
    assert [u.update_id for u in updates] == [update_id]


async def test_stopping_the_fake_releases_an_open_long_poll(api: FakeBotApi, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await api.wait_for_call("getUpdates")

    async with asyncio.timeout(3):
        await api.stop()
        assert await poll == ()


async def test_wait_for_call_times_out_with_the_methods_it_did_see(
    api: FakeBotApi, bot: Bot
) -> None:
    with pytest.raises(TimeoutError, match=r"sendMessage.*getMe x1"):
        await api.wait_for_call("sendMessage", timeout=0.05)


# --------------------------------------------------------------------------- Application


async def test_a_polling_application_answers_a_command_and_a_button_press(
    api: FakeBotApi,
) -> None:
    errors: list[object] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Was het bezoek nuttig?", reply_markup=KEYBOARD)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Genoteerd")
        await query.edit_message_text(f"Antwoord: {query.data}")

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)

    app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    app.add_error_handler(on_error)

    async with polling(app):
        api.push_text(CHAT, "/start")
        (reply,) = await api.wait_for_call("sendMessage")
        assert reply.params["text"] == "Was het bezoek nuttig?"
        assert api.last_keyboard(CHAT) == KEYBOARD_JSON

        api.push_callback(CHAT, "visit:yes", message_id=reply.result["message_id"])
        (answer,) = await api.wait_for_call("answerCallbackQuery")
        await api.wait_for_call("editMessageText")

    assert errors == []
    assert answer.params["text"] == "Genoteerd"
    assert api.calls_to("editMessageText")[0].params["text"] == "Antwoord: visit:yes"
    assert api.last_keyboard(CHAT) is None
    assert api.pending_updates == []  # the shutdown getUpdates confirmed everything


async def test_a_polling_application_sees_group_messages_as_groups(api: FakeBotApi) -> None:
    seen: list[str] = []

    async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        seen.append(update.effective_chat.type)
        await context.bot.send_message(update.effective_chat.id, "gezien")

    app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
    app.add_handler(MessageHandler(filters.ChatType.GROUPS & filters.TEXT, group_text))

    async with polling(app):
        api.push_text(CHAT, "privé")
        api.push_group_text(-77, "hallo groep")
        await api.wait_for_call("sendMessage")

    assert seen == ["group"]
    assert api.sent_texts(-77) == ["gezien"]


async def test_a_webhook_application_receives_updates_the_fake_delivers(
    api: FakeBotApi,
) -> None:
    received: list[str] = []

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        assert update.effective_message.text is not None
        received.append(update.effective_message.text)
        await update.effective_message.reply_text("ontvangen")

    app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"

    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1", port=port, url_path="hook", webhook_url=url, secret_token="geheim"
        )
        try:
            assert api.webhook is not None
            assert api.webhook.url == url
            assert api.webhook.secret_token == "geheim"

            assert await api.deliver_webhook(api.text_update(CHAT, "hallo"), url, "geheim") == 200
            await api.wait_for_call("sendMessage")
            assert await api.deliver_webhook(api.text_update(CHAT, "x"), url, "fout") == 403
        finally:
            async with asyncio.timeout(5):
                await app.updater.stop()
                await app.stop()

    assert received == ["hallo"]
    assert api.sent_texts(CHAT) == ["ontvangen"]


# --------------------------------------------------------------------------- faults


async def test_fail_next_429_makes_ptb_raise_retry_after(
    api: FakeBotApi, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without PTB_TIMEDELTA, reading RetryAfter.retry_after emits a PTBDeprecationWarning.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    api.fail_next("sendMessage", status=429, retry_after=1)

    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "te snel")

    assert caught.value.retry_after == dt.timedelta(seconds=1)
    await bot.send_message(CHAT, "weer goed")
    assert [call.status for call in api.calls_to("sendMessage")] == [429, 200]
    assert api.sent_texts(CHAT) == ["weer goed"]


async def test_fail_next_answers_with_telegrams_error_shape(api: FakeBotApi) -> None:
    api.fail_next("sendMessage", status=429, retry_after=3)

    async with (
        ClientSession() as session,
        session.post(f"{api.base_url}{TOKEN}/sendMessage", data={"chat_id": "1"}) as response,
    ):
        body = await response.json()

    assert response.status == 429
    assert body == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }


async def test_fail_next_403_and_500_surface_as_ptb_errors(api: FakeBotApi, bot: Bot) -> None:
    api.fail_next("sendMessage", status=403)
    api.fail_next("sendMessage", status=500)

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "een")
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(CHAT, "twee")
    assert (await bot.send_message(CHAT, "drie")).text == "drie"


async def test_a_wrong_token_is_rejected_as_invalid(api: FakeBotApi) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=api.base_url):
            pass

    async with (
        ClientSession() as session,
        session.post(f"{api.base_url}999:WRONG/getMe") as response,
    ):
        body = await response.json()
    assert response.status == 401
    assert body == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert api.calls == []
