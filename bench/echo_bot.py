"""The baseline process for bench/memory.py: a bare python-telegram-bot echo bot.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=http://127.0.0.1:PORT/bot python bench/echo_bot.py

Long polling, one MessageHandler that replies the text; SIGTERM or SIGINT stops it.
"""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    assert update.message.text is not None
    await update.message.reply_text(update.message.text)


def main() -> None:
    builder = ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"])
    base_url = os.environ.get("TELEGRAM_API_BASE_URL")
    if base_url:
        builder = builder.base_url(base_url)
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(poll_interval=0, timeout=1)


if __name__ == "__main__":
    main()
