"""`python -m bot import` and `export` as a coordinator runs them: output and exit codes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import func, select

from storage.engine import Database, make_engine
from storage.models import Contact
from tests.support.keys import TEST_DATA_KEY, TEST_KEYRING

FIXTURES = Path(__file__).parent.parent / "fixtures"
CONTACTS_200 = FIXTURES / "contacts_200.csv"
TIMEOUT = 120

# Everything bot.settings.Settings reads; the test decides these, not the developer's shell.
SETTINGS_KEYS = (
    "DATABASE_URL", "TIMEZONE", "SWEEP_SECONDS", "LOG_LEVEL", "DATA_KEY", "DATA_KEY_FILE",
    "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TELEGRAM_WEBHOOK_URL",
    "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_WEBHOOK_LISTEN", "TELEGRAM_WEBHOOK_PORT",
    "MATRIX_HOMESERVER", "MATRIX_USER_ID", "MATRIX_PASSWORD", "MATRIX_ACCESS_TOKEN",
)


@dataclass
class Run:
    code: int
    out: str
    err: str


@dataclass
class Bot:
    workdir: Path

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.workdir / 'x.db'}"

    def __call__(self, *args: str | Path) -> Run:
        env = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS_KEYS}
        env.update(DATABASE_URL=self.database_url, TIMEZONE="Europe/Amsterdam",
                   LOG_LEVEL="WARNING", DATA_KEY=TEST_DATA_KEY)
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bot", *map(str, args)], cwd=self.workdir, env=env,
            capture_output=True, text=True, timeout=TIMEOUT, check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    def contacts(self) -> int:
        database = Database(make_engine(self.database_url), TEST_KEYRING)
        try:
            with database.session() as session:
                return session.exec(select(func.count()).select_from(Contact)).one()
        finally:
            database.engine.dispose()


@pytest.fixture
def bot(tmp_path: Path) -> Bot:
    return Bot(tmp_path)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding, newline="")
    return path


HEADER = "naam;netwerk;organisatie;type;gebied;telefoon\r\n"


def test_a_dry_run_shows_what_would_happen_and_stores_nothing(bot) -> None:
    run = bot("import", CONTACTS_200, "--dry-run")

    assert run.code == 0, run.err
    assert "Import van contacts_200.csv (CSV, scheidingsteken ';'): 200 contacten gelezen." \
        in run.out
    assert "Proefdraai: er is niets opgeslagen." in run.out
    assert "nieuw:        200" in run.out
    assert "afgewezen:      0" in run.out
    assert "nieuwe organisaties: 34" in run.out
    assert "200/200 regels gecontroleerd" in run.err  # progress for a long file
    assert bot.contacts() == 0


def test_an_import_stores_the_list_and_importing_it_again_matches_every_row(bot) -> None:
    first = bot("import", CONTACTS_200)
    again = bot("import", CONTACTS_200, "--dry-run")

    assert first.code == 0, first.err
    assert "200 contacten zijn verwerkt." in first.out
    assert "200/200 regels opgeslagen" in first.err
    assert bot.contacts() == 200
    assert again.code == 0
    assert "nieuw:          0" in again.out
    assert "bestaand:     200" in again.out
    assert "regel 2 Femke Mensah: komt overeen met contact #1; niets aan te vullen" in again.out


def test_rejected_rows_are_listed_by_line_with_their_reason_and_exit_1(bot, tmp_path) -> None:
    path = write(tmp_path / "lijst.csv", HEADER
                 + "Fatima el Amrani;informeel;Moskee Al Fath;moskee;Stad-Oost;06-12345678\r\n"
                 + "Jan de Vries;formeel;Politie;politie;Stedewijk;06-11112222\r\n"
                 + ";informeel;;;;\r\n"
                 + "Kees Bakker;formeel;Wijkteam Haven;wijkteam;;111222333\r\n")

    run = bot("import", path)

    assert run.code == 1
    assert "afgewezen:      3" in run.out
    assert ("regel 3 Jan de Vries: onbekend gebied 'Stedewijk' (bedoelt u 'Stedenwijk'?)"
            in run.out)
    assert "regel 4: naam ontbreekt" in run.out
    assert "regel 5 Kees Bakker: bevat een nummer dat op een BSN lijkt (kolom telefoon)" \
        in run.out
    assert "111222333" not in run.out + run.err
    assert "1 contact is verwerkt." in run.out
    assert bot.contacts() == 1  # the good row went in
    assert bot("import", path, "--dry-run").code == 1  # a dry run says the same


def test_a_vcard_file_imports_with_the_network_for_the_whole_file(bot, tmp_path) -> None:
    path = write(tmp_path / "telefoon.vcf",
                 "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna de Boer\r\nORG:Gurdwara Sahib Almere\r\n"
                 "TEL;TYPE=CELL:06-12345678\r\nBDAY:1980-01-01\r\nEND:VCARD\r\n")

    run = bot("import", path, "--network", "informeel")

    assert run.code == 0, run.err
    assert "Import van telefoon.vcf (vCard): 1 contact gelezen." in run.out
    assert "Eigenschappen niet gebruikt: BDAY." in run.out
    assert "type van 'Gurdwara Sahib Almere' afgeleid uit de naam" in run.out
    assert bot.contacts() == 1


@pytest.mark.parametrize(("name", "content", "message"), [
    ("weg.csv", None, "weg.csv niet lezen"),
    ("excel.csv", "naam;netwerk\r\nJürgen Müller;formeel\r\n".encode("cp1252"), "geen UTF-8"),
    ("lijst.csv", b"telefoon;email\r\n0612345678;a@example.nl\r\n",
     "geen kolom 'naam' gevonden; gevonden kolommen: telefoon, email"),
    ("notities.csv", b"wat;wanneer\r\nbellen;morgen\r\n", "geen bekende kolomnamen"),
    ("telefoon.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEND:VCARD\r\n", "--network"),
    # attack review #8: malformed and oversized files get a reason, never a traceback
    ("breed.csv", (";".join(["naam", "netwerk", *(f"k{i}" for i in range(100_000))])
                   + "\r\nJan;formeel\r\n").encode(), "regel 1 is langer dan 20000 tekens"),
    ("kolommen.csv", (";".join(["naam", "netwerk", *(f"k{i}" for i in range(300))])
                      + "\r\nJan;formeel\r\n").encode(), "de kopregel heeft 302 kolommen"),
    ("lang.csv", b"naam,netwerk\r\n" + b"x" * 300_000 + b",formeel\r\n",
     "regel 2 is langer dan 20000 tekens"),
    ("plaatje.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen UTF-8"),
    ("data.csv", b"naam;netwerk\r\n\x00\x01\x02;formeel\r\n", "binaire gegevens"),
])
def test_a_file_that_cannot_be_used_exits_2_and_imports_nothing(
        bot, tmp_path, name, content, message) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)

    run = bot("import", tmp_path / name)

    assert run.code == 2
    assert message in run.err
    assert "Traceback" not in run.err
    assert run.out == ""


def test_a_dry_run_lists_close_names_and_formula_cells_and_the_import_keeps_them_apart(
        bot, tmp_path) -> None:
    """Attack review #3 and #9: "=cmd|' /C calc'!A0" is kept as text and flagged; 'Jan Janssen' is
    not merged into 'Jan Jansen' (nor given his phone number)."""
    path = write(tmp_path / "lijst.csv", HEADER
                 + "Jan Jansen;formeel;;;;06-11112222\r\n"
                 + "Jan Janssen;formeel;;;;06-99998888\r\n"
                 + "=cmd|' /C calc'!A0;formeel;;;;\r\n")

    dry = bot("import", path, "--dry-run")
    real = bot("import", path)

    assert dry.code == 0, dry.err
    assert "regel 3 'Jan Janssen' lijkt op regel 2 'Jan Jansen'" in dry.out
    assert "naam begint met '=': een spreadsheet kan dat als formule uitvoeren" in dry.out
    assert real.code == 0, real.err
    assert bot.contacts() == 3


def test_export_writes_the_register_and_the_informal_network_apart(bot, tmp_path) -> None:
    assert bot("import", CONTACTS_200).code == 0

    everything = bot("export", "--out", tmp_path / "alles")
    informal = bot("export", "--out", tmp_path / "informeel", "--network", "informal")

    assert everything.code == 0, everything.err
    assert f"Export van het hele register geschreven naar {tmp_path / 'alles'}:" in everything.out
    assert "contacts.csv                   200 rijen" in everything.out
    assert "Let op: de export bevat persoonsgegevens." in everything.out
    assert (tmp_path / "alles" / "register.json").exists()
    assert informal.code == 0, informal.err
    assert "Export van het informele netwerk" in informal.out
    rows = (tmp_path / "informeel" / "contacts.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) > 1
    assert all(",informal," in row for row in rows[1:])


def test_export_to_a_file_instead_of_a_folder_exits_2(bot, tmp_path) -> None:
    write(tmp_path / "bestaand.txt", "hier staat al iets")

    run = bot("export", "--out", tmp_path / "bestaand.txt")

    assert run.code == 2
    assert "is een bestand, geen map" in run.err


def add_contact(bot: Bot, name: str) -> None:
    from tests.support.audit import migrated

    database = Database(make_engine(bot.database_url), TEST_KEYRING)
    try:
        migrated(database)
        with database.session() as session:
            session.add(Contact(display_name=name, network="formal"))
    finally:
        database.engine.dispose()


def test_backup_and_restore_bring_the_register_back_and_refuse_a_changed_file(
    bot, tmp_path
) -> None:
    add_contact(bot, "Fatima el Amrani")
    file = tmp_path / "register.backup"

    made = bot("backup", "--out", file)
    add_contact(bot, "Jan de Vries")
    again = bot("backup", "--out", file)
    damaged = tmp_path / "beschadigd.backup"
    content = bytearray(file.read_bytes())
    content[-5] ^= 0x01
    damaged.write_bytes(bytes(content))
    refused = bot("restore", "--from", damaged)
    contacts_after_refusal = bot.contacts()
    restored = bot("restore", "--from", file)

    assert made.code == 0, made.err
    assert f"Versleutelde back-up geschreven naar {file}" in made.out
    assert b"Fatima" not in file.read_bytes()
    assert again.code == 1
    assert "bestaat al" in again.err
    assert refused.code == 1
    assert "Er is niets teruggezet" in refused.err
    assert contacts_after_refusal == 2
    assert restored.code == 0, restored.err
    assert f"Teruggezet uit {file}" in restored.out
    assert bot.contacts() == 1


def audited(bot: Bot, count: int) -> None:
    """`count` audit entries in the bot's database, as the bot writes them."""
    from datetime import UTC, datetime

    from core.access import audit
    from tests.support.audit import migrated

    database = Database(make_engine(bot.database_url), TEST_KEYRING)
    try:
        migrated(database)
        for number in range(1, count + 1):
            with database.session() as session:
                audit(session, datetime(2026, 11, 29, 13, number, tzinfo=UTC), "contact.created",
                      None, f"contact:{number}")
    finally:
        database.engine.dispose()


def tamper(bot: Bot, *statements: str) -> None:
    import sqlite3

    with sqlite3.connect(bot.workdir / "x.db") as raw:
        for statement in statements:
            raw.execute(statement)


def audit_breaks(bot: Bot, data_key: bytes) -> int:
    from core.audit import verify
    from storage.crypto import Keyring

    database = Database(make_engine(bot.database_url), Keyring(data_key))
    try:
        with database.session() as session:
            return len(verify(session, database.keyring).breaks)
    finally:
        database.engine.dispose()


def test_audit_verify_reports_an_intact_log_with_its_length(bot) -> None:
    audited(bot, 3)

    run = bot("audit", "verify")

    assert run.code == 0, run.err
    assert run.out.strip() == "Auditlog intact: 3 regels"


def test_audit_verify_says_where_the_log_was_changed_and_cut_off_and_exits_1(bot) -> None:
    audited(bot, 4)
    tamper(bot, "UPDATE auditevent SET action = 'contact.viewed' WHERE seq = 2",
           "DELETE FROM auditevent WHERE seq = 4")

    run = bot("audit", "verify")

    assert run.code == 1
    assert run.out.splitlines() == [
        "Auditlog NIET intact (3 regels gelezen):",
        "  regel 2 (id 2) is gewijzigd of verplaatst",
        "  regel 4 ontbreekt aan het eind (afgeknipt)",
    ]


def test_rotating_the_key_moves_the_audit_chain_to_the_new_key(bot, tmp_path) -> None:
    from storage.crypto import parse_key, read_key_file

    audited(bot, 3)

    run = bot("rotate-key", "--new-key-file", tmp_path / "nieuw.key")

    assert run.code == 0, run.err
    assert audit_breaks(bot, read_key_file(tmp_path / "nieuw.key")) == 0
    assert audit_breaks(bot, parse_key(TEST_DATA_KEY)) > 0


def test_a_tampered_audit_log_stops_the_key_rotation_before_anything_changes(
    bot, tmp_path
) -> None:
    from storage.crypto import parse_key

    add_contact(bot, "Fatima el Amrani")
    audited(bot, 3)
    tamper(bot, "DELETE FROM auditevent WHERE seq = 2")

    run = bot("rotate-key", "--new-key-file", tmp_path / "nieuw.key")

    assert run.code == 1
    assert "Het auditlog klopt niet" in run.err
    assert "er is niets veranderd" in run.err
    database = Database(make_engine(bot.database_url), TEST_KEYRING)
    with database.session() as session:  # still under the old key
        assert [c.display_name for c in session.exec(select(Contact))] == ["Fatima el Amrani"]
    database.engine.dispose()
    assert audit_breaks(bot, parse_key(TEST_DATA_KEY)) == 1


def test_a_reset_audit_log_is_named_and_the_bot_will_not_start_on_it(bot) -> None:
    audited(bot, 3)
    with sqlite3.connect(bot.workdir / "x.db") as raw:
        raw.execute("INSERT INTO user (transport, external_id, chat_id, role, language, "
                    "created_at) VALUES ('memory', 'u1', 'c1', 'coordinator', 'nl', "
                    "'2026-11-29 13:00:00')")
    tamper(bot, "DELETE FROM auditevent", "UPDATE audithead SET entries = 0, hash = '', mac = ''")

    start = bot("migrate")
    run = bot("audit", "verify")

    assert start.code == 1
    assert "Het auditlog is gewist of teruggezet" in start.err
    assert "Traceback" not in start.err
    assert run.code == 1
    assert run.out.splitlines() == [
        "Auditlog NIET intact (0 regels gelezen):",
        "  het begin van de keten is niet ondertekend: het auditlog is gewist of teruggezet "
        "zonder de sleutel (of de bot is op dit register nog nooit gestart)",
    ]


def test_audit_verify_names_a_missing_audit_table(bot) -> None:
    audited(bot, 2)
    tamper(bot, "DROP TABLE auditevent")

    run = bot("audit", "verify")

    assert run.code == 1
    assert run.out.strip() == ("Auditlog NIET intact: de tabel auditevent ontbreekt "
                               "(verwijderd, of de database is niet bijgewerkt).")


def test_audit_verify_on_a_damaged_database_gives_a_reason_and_no_traceback(bot) -> None:
    (bot.workdir / "x.db").write_bytes(b"dit is geen database " * 200)

    run = bot("audit", "verify")

    assert run.code == 1
    assert "Auditlog niet te controleren: de database gaf een fout" in run.err
    assert "Traceback" not in run.err


def test_a_register_upgraded_from_before_the_signed_start_takes_its_entries_in(bot) -> None:
    from storage.migrate import upgrade

    database = Database(make_engine(bot.database_url), TEST_KEYRING)
    upgrade(database.engine, "0018")
    database.engine.dispose()
    insert = ("INSERT INTO auditevent (at, action, subject, detail, seq, prev_hash, hash) "
              "VALUES ('2026-11-29 13:00:00', 'contact.created', 'contact:{n}', '{{}}', {n}, '', "
              "'')")
    tamper(bot, insert.format(n=1), insert.format(n=2))

    start = bot("migrate")
    run = bot("audit", "verify")

    assert start.code == 0, start.err
    assert run.code == 0, run.out
    assert run.out.strip() == "Auditlog intact: 2 regels"
