"""`python -m bot [run|invite|migrate|import|export]`: the one entry point and admin CLI."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from bot.settings import Settings
from storage.models import Role

if TYPE_CHECKING:  # imported for real only when `import` runs
    from core.importer import ImportPlan, SourceFile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot (the default)")
    invite = commands.add_parser("invite", help="print a one-time invite link")
    invite.add_argument("--role", required=True, choices=[r.value for r in Role])
    invite.add_argument("--hours", type=int, default=72, help="how long it stays valid")
    commands.add_parser("migrate", help="bring the database schema up to date and exit")
    networks = ["formal", "informal", "formeel", "informeel"]
    importing = commands.add_parser(
        "import", help="import contacts from a CSV or vCard file (see docs/import-export.md)"
    )
    importing.add_argument("file", type=Path)
    importing.add_argument("--dry-run", action="store_true",
                           help="show what would be created, matched or rejected; store nothing")
    importing.add_argument("--network", choices=networks,
                           help="the network for the whole file (required for vCard)")
    importing.add_argument("--format", choices=["csv", "vcard"],
                           help="file format (default: from the file name or its content)")
    exporting = commands.add_parser("export", help="write the register as CSV and JSON files")
    exporting.add_argument("--out", required=True, type=Path, help="directory to write to")
    exporting.add_argument("--network", choices=networks,
                           help="only the formal or only the informal network")
    rotating = commands.add_parser(
        "rotate-key", help="re-encrypt everything under a new key (resumable; bot stopped)"
    )
    rotating.add_argument("--new-key-file", required=True, type=Path,
                          help="the new key; created when it does not exist yet")
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

    from bot.keys import KeySetupError

    try:
        return _dispatch(args, settings)
    except KeySetupError as error:
        print(error, file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "rotate-key":
        return _rotate_key(settings, args.new_key_file)
    if args.command == "invite":
        return _invite(settings, Role(args.role), timedelta(hours=args.hours))
    if args.command == "import":
        return _import(settings, args.file, dry_run=args.dry_run,
                       network=_network_option(args.network), file_format=args.format)
    if args.command == "export":
        return _export(settings, args.out, _network_option(args.network))
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


def _rotate_key(settings: Settings, new_key_file: Path) -> int:
    from bot.keys import rotate_key

    def progress(table: str, done: int) -> None:
        print(f"  {table:<24}{done:>8} rijen opnieuw versleuteld", file=sys.stderr)

    report = rotate_key(settings, new_key_file, progress)
    print(f"Klaar: {report.total} rijen staan onder de nieuwe sleutel.")
    print(f"Zet nu DATA_KEY_FILE={new_key_file} (of de inhoud in DATA_KEY) en bewaar de oude "
          "sleutel tot de oude back-ups zijn opgeruimd.")
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
    print(f"Matrix (Element slikt '/'-commando's in): !start {token}")
    return 0


def _network_option(value: str | None) -> str | None:
    return {"formeel": "formal", "informeel": "informal"}.get(value or "", value)


def _import(settings: Settings, path: Path, *, dry_run: bool, network: str | None,
            file_format: str | None) -> int:
    """0: every row created or matched; 1: some rows rejected (the rest is imported unless
    --dry-run); 2: the file cannot be used at all, and nothing is imported."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.app import prepare_database
    from core.clock import SystemClock
    from core.importer import ImportFileError, apply_import, plan_import, read_file

    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"Kan {path} niet lezen: {error.strerror or error}.", file=sys.stderr)
        return 2
    try:
        source = read_file(data, file_format=file_format, network=network, filename=path.name)
    except ImportFileError as error:
        print(f"{path.name} is niet te importeren: {error}.", file=sys.stderr)
        return 2
    progress = _Progress(len(source.rows))
    db = prepare_database(settings)
    try:
        with db.session() as session:
            progress.stage = "gecontroleerd"
            plan = plan_import(session, source.rows, network=network, progress=progress)
            if not dry_run:
                progress.stage = "opgeslagen"
                apply_import(session, plan, None, SystemClock(settings.tz).now(),
                             progress=progress)
    except SQLAlchemyError as error:
        progress.finish()
        # The driver's first line names the problem; later lines may quote the data.
        reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
        print(f"De database weigerde de import ({reason}); er is niets opgeslagen.",
              file=sys.stderr)
        return 2
    finally:
        db.engine.dispose()
    progress.finish()
    for line in _import_summary(path.name, source, plan, dry_run=dry_run):
        print(line)
    return 1 if plan.rejected else 0


class _Progress:
    """'100/2000 regels gecontroleerd' on stderr for long files; quiet for short ones."""

    SHOW_FROM = 100

    def __init__(self, total: int) -> None:
        self.total = total
        self.stage = ""
        self.tty = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < self.SHOW_FROM:
            return
        text = f"{done}/{total} regels {self.stage}"
        if self.tty:
            print(f"\r{text}", end="", file=sys.stderr, flush=True)
        else:
            print(text, file=sys.stderr, flush=True)
        self.shown = True

    def finish(self) -> None:
        if self.tty and self.shown:
            print(file=sys.stderr)


def _import_summary(name: str, source: SourceFile, plan: ImportPlan, *,
                    dry_run: bool) -> list[str]:
    separator = {"\t": "tab"}.get(source.delimiter or "", f"'{source.delimiter}'")
    kind = "vCard" if source.format == "vcard" else f"CSV, scheidingsteken {separator}"
    lines = [f"Import van {name} ({kind}): {_contacts(len(plan.rows))} gelezen."]
    if dry_run:
        lines.append("Proefdraai: er is niets opgeslagen.")
    lines += [
        f"  nieuw:      {len(plan.created):>5}",
        f"  bestaand:   {len(plan.matched):>5}  (niet dubbel aangemaakt)",
        f"  afgewezen:  {len(plan.rejected):>5}",
        f"  nieuwe organisaties: {len(plan.new_organisations)}",
    ]
    if plan.rejected:
        lines += ["", "Afgewezen (niet geïmporteerd; verbeter de regel en importeer opnieuw):"]
        for row in plan.rejected:
            who = f" {row.name}" if row.name else ""
            lines.append(f"  {row.lines}{who}: {'; '.join(row.reasons)}")
    if plan.matched:
        lines += ["", "Bestaand:"]
        for row in plan.matched:
            target = (f"contact #{row.matched_contact_id}" if row.matched_contact_id
                      else f"regel {row.matched_line}")
            same = "" if row.matched_name == row.name else f" '{row.matched_name}'"
            added = (f"; {'aangevuld' if not dry_run else 'aan te vullen'}: "
                     f"{', '.join(row.fills)}" if row.fills else "; niets aan te vullen")
            lines.append(f"  {row.lines} {row.name}: komt overeen met {target}{same}{added}")
    noted = [row for row in plan.rows if row.notes and row not in plan.rejected]
    if noted:
        lines += ["", "Let op:"]
        for row in noted:
            lines.append(f"  {row.lines} {row.name}: {'; '.join(row.notes)}")
    extra = []
    if source.privacy_columns:
        extra.append("Kolommen niet geïmporteerd omdat ze geloof, afkomst, politieke voorkeur "
                     f"of gezondheid vastleggen: {', '.join(source.privacy_columns)}.")
    if source.ignored_columns:
        what = "Eigenschappen" if source.format == "vcard" else "Kolommen"
        extra.append(f"{what} niet gebruikt: {', '.join(source.ignored_columns)}.")
    if source.blank_lines:
        extra.append(f"Lege regels overgeslagen: {len(source.blank_lines)}.")
    extra += [f"{notice[0].upper()}{notice[1:]}." for notice in source.notices]
    if extra:
        lines += ["", *extra]
    if not dry_run and plan.rows:
        done = len(plan.created) + len(plan.matched)
        lines += ["", f"{_contacts(done)} {'is' if done == 1 else 'zijn'} verwerkt."]
    elif dry_run and plan.rows:
        lines += ["", "Zonder --dry-run wordt dit opgeslagen."]
    return lines


def _contacts(count: int) -> str:
    return f"{count} contact" if count == 1 else f"{count} contacten"


def _export(settings: Settings, out: Path, network: str | None) -> int:
    from bot.app import prepare_database
    from core.clock import SystemClock
    from core.export import export_register

    if out.exists() and not out.is_dir():
        print(f"{out} is een bestand, geen map.", file=sys.stderr)
        return 2
    db = prepare_database(settings)
    try:
        with db.session() as session:
            result = export_register(session, out, network=network, tz=settings.tz,
                                     now=SystemClock(settings.tz).now())
    except OSError as error:
        print(f"Kan niet schrijven in {out}: {error.strerror or error}.", file=sys.stderr)
        return 2
    finally:
        db.engine.dispose()
    which = {"formal": "het formele netwerk", "informal": "het informele netwerk"}.get(
        result.network or "", "het hele register")
    print(f"Export van {which} geschreven naar {out}:")
    for table, count in result.counts.items():
        print(f"  {table + '.csv':<28}{count:>6} rijen")
    print(f"  {'register.json':<28}alles samen")
    if result.mixed_interactions_left_out:
        print(f"{result.mixed_interactions_left_out} contactmomenten met zowel formele als "
              "informele deelnemers staan alleen in de volledige export.")
    print("Let op: de export bevat persoonsgegevens. Bewaar hem versleuteld en verwijder hem "
          "als hij niet meer nodig is.")
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
