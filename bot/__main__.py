"""`python -m bot [run|invite|migrate|import|export|rotate-key|backup|restore|status|audit|
handover]`: the one entry point and admin CLI."""

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

if TYPE_CHECKING:  # imported for real only when their command runs
    from core.audit import Break
    from core.importer import ImportPlan, SourceFile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot (the default)")
    invite = commands.add_parser("invite", help="print a one-time invite link")
    invite.add_argument("--role", required=True, choices=[r.value for r in Role])
    invite.add_argument("--hours", type=int, default=72, help="how long it stays valid")
    invite.add_argument("--contact", type=int, metavar="ID",
                        help="partner invites: the contact in the register it is for")
    commands.add_parser("migrate", help="bring the database schema up to date and exit")
    commands.add_parser(
        "status", help="version, database, last sweep, failing jobs, outbox backlog "
                       "(exit 1: no recent sweep, or a job failing)"
    )
    commands.add_parser("permissions",
                        help="print the permission matrix as Markdown (docs/permissions.md)")
    commands.add_parser("retention-table",
                        help="print the retention table of docs/retention.md and docs/privacy.md")
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
    backing_up = commands.add_parser(
        "backup", help="write a consistent, encrypted backup (the bot may keep running)"
    )
    backing_up.add_argument("--out", required=True, type=Path, help="the new backup file")
    restoring = commands.add_parser(
        "restore", help="replace the database with an encrypted backup (bot stopped)"
    )
    restoring.add_argument("--from", dest="source", required=True, type=Path,
                           help="a file made by `backup`, under the configured key")
    handing = commands.add_parser(
        "handover", help="move a user's contacts, open follow-ups and meetings to a successor "
                         "and write the handover document (without ids: list the users)")
    handing.add_argument("--from", dest="giver", type=int, metavar="USER_ID")
    handing.add_argument("--to", dest="successor", type=int, metavar="USER_ID")
    handing.add_argument("--out", type=Path,
                         help="where the handover document goes (default: in this folder)")
    auditing = commands.add_parser("audit", help="check the audit log (a keyed hash chain)")
    audit_commands = auditing.add_subparsers(dest="audit_command", required=True)
    audit_commands.add_parser("verify",
                              help="exit 0 when the audit log is intact, 1 with where it breaks")
    args = parser.parse_args(argv)
    if args.command == "retention-table":  # the settings' defaults, not this environment's
        from bot.retention_table import table

        sys.stdout.write(table())
        return 0

    if args.command == "permissions":  # needs no settings, database or key
        from bot.conversation.dispatcher import permission_matrix

        sys.stdout.write(permission_matrix())
        return 0

    try:
        settings = Settings()
    except ValidationError as error:
        problems = "; ".join(_setting_problem(e["loc"], e["msg"]) for e in error.errors())
        print(f"Fout in de instellingen: {problems}", file=sys.stderr)
        return 2
    _configure_logging(settings.log_level)

    from bot.keys import KeySetupError

    try:
        return _dispatch(args, settings)
    except KeySetupError as error:
        print(error, file=sys.stderr)
        return 1


def _setting_problem(loc: tuple[int | str, ...], message: str) -> str:
    """One setting's problem: its name (when the message does not already give it) and why."""
    message = message.removeprefix("Value error, ")
    name = ".".join(str(part) for part in loc).upper()
    return message if not name or name in message else f"{name}: {message}"


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "rotate-key":
        return _rotate_key(settings, args.new_key_file)
    if args.command in ("backup", "restore"):
        return _backup_or_restore(settings, args.command, args.out if args.command == "backup"
                                  else args.source)
    if args.command == "invite":
        return _invite(settings, Role(args.role), timedelta(hours=args.hours), args.contact)
    if args.command == "import":
        return _import(settings, args.file, dry_run=args.dry_run,
                       network=_network_option(args.network), file_format=args.format)
    if args.command == "export":
        return _export(settings, args.out, _network_option(args.network))
    if args.command == "audit":
        return _audit_verify(settings)
    if args.command == "handover":
        return _handover(settings, args.giver, args.successor, args.out)
    if args.command == "status":
        return _status(settings)
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


def _status(settings: Settings) -> int:
    """0: the sweeps run; 1: no sweep for a while (or ever), so no bot seems to be running,
    or a scheduled job is failing; 2: the database cannot be read. Reads counts and times
    only: no key needed."""
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import Session

    from bot.conversation.flows.status import status_lines
    from core.clock import SystemClock
    from core.status import store_status
    from storage.engine import make_engine, sqlite_path

    database_file = sqlite_path(settings.database_url)
    if database_file is not None and not database_file.exists():
        print(f"Er is nog geen database in {database_file}.", file=sys.stderr)
        return 2
    now = SystemClock(settings.tz).now()
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            store = store_status(session, now)
    except SQLAlchemyError as error:
        # The driver's class names the problem; its message may contain the address.
        reason = type(getattr(error, "orig", None) or error).__name__
        print(f"De database is niet te lezen ({reason}).", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    configured = [name for name, used in (("telegram", settings.uses_telegram),
                                          ("matrix", settings.uses_matrix)) if used]
    stale_after = max(300.0, 10 * settings.sweep_seconds)
    for line in status_lines("nl", settings.tz, now, store, configured=configured,
                             stale_after=stale_after):
        print(line)
    recent = store.last_sweep is not None and (
        (now - store.last_sweep).total_seconds() <= stale_after)
    return 0 if recent and not store.failing else 1


def _rotate_key(settings: Settings, new_key_file: Path) -> int:
    from bot.keys import rotate_key

    def progress(table: str, done: int) -> None:
        print(f"  {table:<24}{done:>8} rijen opnieuw versleuteld", file=sys.stderr)

    report = rotate_key(settings, new_key_file, progress)
    print(f"Klaar: {report.total} rijen staan onder de nieuwe sleutel.")
    print(f"Zet nu DATA_KEY_FILE={new_key_file} (of de inhoud in DATA_KEY) en bewaar de oude "
          "sleutel tot de oude back-ups zijn opgeruimd.")
    return 0


def _backup_or_restore(settings: Settings, command: str, file: Path) -> int:
    """Backup or restore under the configured key, without migrating or creating anything."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.keys import KeySetupError, configured_key
    from storage.backup import BackupError, backup, restore
    from storage.crypto import Keyring
    from storage.engine import Database, make_engine, sqlite_path

    key = configured_key(settings)
    if key is None:
        raise KeySetupError("Er is geen sleutel (DATA_KEY of DATA_KEY_FILE): zonder de sleutel "
                            "van de database kan er geen back-up gemaakt of teruggezet worden.")
    database_file = sqlite_path(settings.database_url)
    if command == "backup" and database_file is not None and not database_file.exists():
        print(f"Er is geen database op {database_file}.", file=sys.stderr)
        return 1
    db = Database(make_engine(settings.database_url), Keyring(key))
    try:
        info = backup(db, file) if command == "backup" else restore(db, file)
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
        print(f"De database gaf een fout ({reason}).", file=sys.stderr)
        return 1
    finally:
        db.engine.dispose()
    size = f"{info.size / 1_000_000:.1f} MB" if info.size >= 100_000 else f"{info.size} bytes"
    if command == "backup":
        print(f"Versleutelde back-up geschreven naar {file} ({info.backend}, {size}, "
              f"sleutel {info.key_id}).")
        print("Bewaar hem apart van de sleutel: wie beide heeft, kan alles lezen.")
    else:
        print(f"Teruggezet uit {file} ({info.backend}, {size}, sleutel {info.key_id}).")
        print("Start de bot (of python -m bot migrate): het schema wordt zo nodig bijgewerkt.")
    return 0


def _invite(settings: Settings, role: Role, ttl: timedelta, contact_id: int | None = None
            ) -> int:
    from bot.app import prepare_database
    from core.access import create_invite
    from core.clock import SystemClock
    from core.partners import InviteError, invite_partner
    from storage.models import Contact

    if contact_id is not None and role != Role.PARTNER:
        print("--contact hoort alleen bij --role partner.", file=sys.stderr)
        return 2
    db = prepare_database(settings)
    now = SystemClock(settings.tz).now()
    with db.session() as session:
        if contact_id is None:
            token: str | InviteError = create_invite(session, role, now, ttl)
        else:
            contact = session.get(Contact, contact_id)
            token = (invite_partner(session, contact, None, now, ttl) if contact is not None
                     else InviteError.UNKNOWN)
    db.engine.dispose()
    if isinstance(token, InviteError):
        print(f"Geen uitnodiging gemaakt voor contact {contact_id}: {token.explanation}",
              file=sys.stderr)
        return 1
    if role == Role.PARTNER and contact_id is None:
        print("Let op: zonder --contact hoort de partner bij geen contact in het register en "
              "kan die niet instemmen; de bot stuurt dan niets.")
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
    except (ValueError, LookupError, RecursionError, MemoryError) as error:
        # a file shaped in a way no check foresaw: a reason, never a traceback
        print(f"{path.name} is niet te importeren: het bestand is niet te lezen "
              f"({type(error).__name__}).", file=sys.stderr)
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
    alike = [row for row in plan.created if row.looks_like]
    if alike:
        lines += ["", "Lijkt op (niet samengevoegd: een andere naam is een ander contact; is het "
                  "dezelfde persoon, schrijf de naam dan gelijk of zet het id uit de export "
                  "erbij):"]
        for row in alike:
            lines.append(f"  {row.lines} '{row.name}' lijkt op {row.looks_like}")
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


def _handover(settings: Settings, giver: int | None, successor: int | None,
              out: Path | None) -> int:
    """Move a network in one transaction and write the document (mode 600: it names people).

    Without both user ids it lists the users who can give or take a network, and exits 2."""
    from bot.app import prepare_database
    from core import handover
    from core.clock import SystemClock

    db = prepare_database(settings)
    try:
        with db.session() as session:
            if giver is None or successor is None:
                print("Gebruik: python -m bot handover --from GEBRUIKER --to GEBRUIKER "
                      "[--out BESTAND]\nGebruikers:", file=sys.stderr)
                for user in handover.staff(session):
                    counts = handover.pending(session, user.id or 0)
                    print(f"  {user.id:>4}  {user.role:<12} {counts.contacts} contacten, "
                          f"{counts.follow_ups} open vervolgacties, {counts.meetings} "
                          "gebiedsoverleggen", file=sys.stderr)
                return 2
            now = SystemClock(settings.tz).now()
            moved = handover.hand_over(session, giver, successor, None, now)
            if isinstance(moved, handover.HandoverError):
                print(f"Geen overdracht: {_HANDOVER_ERRORS[moved]}", file=sys.stderr)
                session.rollback()
                return 1
            text = handover.render_markdown(handover.document(session, moved, now))
            target = out or Path(f"overdracht-gebruiker-{giver}-naar-{successor}-"
                                 f"{now.date().isoformat()}.md")
            try:
                target.touch(mode=0o600, exist_ok=False)
                target.write_text(text, encoding="utf-8")
            except OSError as error:  # nothing moves when the document cannot be written
                session.rollback()
                print(f"Kan {target} niet schrijven: {error.strerror or error}.",
                      file=sys.stderr)
                return 2
    finally:
        db.engine.dispose()
    counts = moved.counts
    print(f"Overgedragen van gebruiker {giver} naar gebruiker {successor}: {counts.contacts} "
          f"contacten, {counts.follow_ups} open vervolgacties, {counts.meetings} "
          f"gebiedsoverleggen.\nOverdrachtsdocument: {target}\nLet op: het document noemt "
          "personen. Alleen voor de opvolger; verwijder het na gebruik.")
    return 0


_HANDOVER_ERRORS = {
    "same_user": "dat is dezelfde gebruiker.",
    "unknown_user": "die gebruiker bestaat niet.",
    "successor_revoked": "de opvolger heeft geen toegang meer.",
    "successor_role": "een partner kan geen netwerk overnemen.",
    "successor_cannot_see": ("de opvolger ziet het informele netwerk niet bij naam; geef dat "
                             "eerst via /gebruikers."),
}


def _audit_verify(settings: Settings) -> int:
    """0: the audit log is intact; 1: it is not, and every place where it breaks is printed.

    Reads the register as it is: no migration, no start of a chain, so a reset or a missing
    table is reported rather than repaired; a damaged database gives a reason, not a traceback.
    """
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from bot.keys import KeySetupError, configured_key
    from core.audit import verify
    from storage.crypto import Keyring
    from storage.engine import Database, make_engine, sqlite_path

    key = configured_key(settings)
    if key is None:
        raise KeySetupError("Er is geen sleutel (DATA_KEY of DATA_KEY_FILE): zonder de sleutel "
                            "van de database is het auditlog niet te controleren.")
    database_file = sqlite_path(settings.database_url)
    if database_file is not None and not database_file.exists():
        print(f"Er is geen database op {database_file}.", file=sys.stderr)
        return 1
    db = Database(make_engine(settings.database_url), Keyring(key))
    try:
        tables = set(inspect(db.engine).get_table_names())
        missing = [name for name in ("auditevent", "audithead") if name not in tables]
        if missing:
            print(f"Auditlog NIET intact: de tabel {' en '.join(missing)} ontbreekt "
                  "(verwijderd, of de database is niet bijgewerkt).")
            return 1
        with db.session() as session:
            result = verify(session, db.keyring)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
        print(f"Auditlog niet te controleren: de database gaf een fout ({reason}). Is het "
              "bestand beschadigd? Zet zo nodig een back-up terug.", file=sys.stderr)
        return 1
    finally:
        db.engine.dispose()
    if result.ok:
        print(f"Auditlog intact: {result.count} regels")
        return 0
    print(f"Auditlog NIET intact ({result.count} regels gelezen):")
    for found in result.breaks:
        print(f"  {_audit_break(found)}")
    return 1


def _audit_break(found: Break) -> str:
    from core.audit import Problem

    at, entry = found.position, f"id {found.entry_id}"
    last = at + found.missing - 1 if at is not None else None
    places = f"regel {at} ontbreekt" if found.missing == 1 else f"regels {at}-{last} ontbreken"
    return {
        Problem.CHANGED: f"regel {at} ({entry}) is gewijzigd of verplaatst",
        Problem.RELINKED: f"regel {at} ({entry}) sluit niet aan op de regel ervoor",
        Problem.MISSING: f"{places} (verwijderd, vóór {entry})",
        Problem.TRUNCATED: f"{places} aan het eind (afgeknipt)",
        Problem.BEYOND_HEAD: f"regel {at} en verder staan na het vastgelegde einde "
                             "(toegevoegd)",
        Problem.UNCHAINED: f"{entry} staat buiten de keten (toegevoegd)",
        Problem.HEAD: "de kop van de keten (aantal regels en laatste hash) is gewijzigd",
        Problem.NOT_BEGUN: "het begin van de keten is niet ondertekend: het auditlog is gewist "
                           "of teruggezet zonder de sleutel (of de bot is op dit register nog "
                           "nooit gestart)",
        Problem.EMPTY: "de keten is leeg, maar het register heeft gebruikers: de regels zijn "
                       "verwijderd en het begin van de keten is teruggezet",
    }[found.problem]


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
