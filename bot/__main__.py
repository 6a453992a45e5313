"""`python -m bot [run|invite|migrate]`: the one entry point and admin command line."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import timedelta

from pydantic import ValidationError

from bot.settings import Settings
from storage.models import Role


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot (the default)")
    invite = commands.add_parser("invite", help="print a one-time invite link")
    invite.add_argument("--role", required=True, choices=[r.value for r in Role])
    invite.add_argument("--hours", type=int, default=72, help="how long it stays valid")
    commands.add_parser("migrate", help="bring the database schema up to date and exit")
    args = parser.parse_args(argv)

    try:
        settings = Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in error.errors()
        )
        print(f"Configuration error: {problems}", file=sys.stderr)
        return 2
    _configure_logging(settings.log_level)

    if args.command == "invite":
        return _invite(settings, Role(args.role), timedelta(hours=args.hours))
    if args.command == "migrate":
        from bot.app import prepare_database

        prepare_database(settings).engine.dispose()
        print("Database is up to date.")
        return 0

    from bot.app import run
    from bot.transports.base import TransportStartError
    from storage.lock import AlreadyRunningError

    try:
        asyncio.run(run(settings))
    except (AlreadyRunningError, TransportStartError) as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


def _invite(settings: Settings, role: Role, ttl: timedelta) -> int:
    from bot.app import prepare_database
    from core.access import create_invite
    from core.clock import SystemClock

    db = prepare_database(settings)
    now = SystemClock(settings.tz).now()
    with db.session() as session:
        token = create_invite(session, role, now, ttl)
    db.engine.dispose()
    username = _bot_username(settings)
    expires = (now + ttl).strftime("%d-%m-%Y %H:%M")
    print(f"Eenmalige uitnodiging voor de rol '{role}', geldig tot {expires}.")
    print(f"Telegram: https://t.me/{username or '<jouw_bot>'}?start={token}")
    print(f"Of stuur in een chat met de bot: /start {token}")
    return 0


def _bot_username(settings: Settings) -> str | None:
    """Ask Telegram for the bot's name so the link opens directly; no token, no link name."""
    if settings.telegram_bot_token is None:
        return None
    from bot.transports.telegram import fetch_username

    try:
        return asyncio.run(fetch_username(settings.telegram_bot_token.get_secret_value(),
                                          settings.telegram_api_base_url))
    except Exception as error:  # an invite must still be printed when Telegram is unreachable
        logging.getLogger(__name__).warning("could not ask Telegram for the bot's name: %s",
                                            type(error).__name__)
        return None


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every request URL at INFO, and the Bot API URL contains the token.
    for noisy in ("httpx", "httpcore", "apscheduler", "telegram.ext", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


if __name__ == "__main__":
    sys.exit(main())
