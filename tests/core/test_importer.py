"""Importing contact lists: every row is created, matched or rejected with a reason — never lost."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, func, select

from core.clock import FakeClock
from core.contacts import create_contact, create_organisation
from core.importer import (
    ImportFileError,
    ImportPlan,
    Outcome,
    SourceFile,
    apply_import,
    plan_import,
    read_csv,
    read_file,
    read_vcard,
    resolve_type,
)
from core.organisations import ORG_TYPES
from core.text import clean
from storage.engine import Database
from storage.models import (
    Area,
    AuditEvent,
    Contact,
    ContactArea,
    ContactOrganisation,
    Organisation,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
HEADER = ["naam", "netwerk", "organisatie", "type", "functie", "gebied", "status", "rollen",
          "telefoon", "email", "akkoord_op", "geinformeerd_op", "ritme_dagen"]
GOOD = ["Fatima el Amrani", "informeel", "Buurthuis De Schakel", "buurthuis", "vrijwilliger",
        "Stad-Oost", "actief", "sleutelfiguur", "06-12345678", "fatima@example.nl",
        "01-03-2025", "2025-03-02", "42"]
# Checks that only read the file and the register run on SQLite; what writes runs on both.
SQLITE_ONLY = pytest.mark.parametrize("db", ["sqlite"], indirect=True)
# A nine-digit number that passes the eleven-check, as a BSN does (not a real person's).
BSN = "111222333"


def csv_text(*rows: list[str], header: list[str] = HEADER, delimiter: str = ";") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def row(**changes: str) -> list[str]:
    cells = dict(zip(HEADER, GOOD, strict=True))
    cells.update(changes)
    return [cells[name] for name in HEADER]


def plan(db: Database, source: SourceFile | str | bytes, **options: object) -> ImportPlan:
    if not isinstance(source, SourceFile):
        source = read_csv(source)
    with db.session() as session:
        return plan_import(session, source.rows, **options)


def apply(db: Database, clock: FakeClock, import_plan: ImportPlan) -> None:
    with db.session() as session:
        apply_import(session, import_plan, None, clock.now())


def count(db: Database, table: type) -> int:
    with db.session() as session:
        return session.exec(select(func.count()).select_from(table)).one()


def contacts(db: Database) -> list[Contact]:
    with db.session() as session:
        return list(session.exec(select(Contact).order_by(col(Contact.id))).all())


def outcomes(import_plan: ImportPlan) -> dict[int, Outcome]:
    return {r.line: r.outcome for r in import_plan.rows}


def area_id(session: Session, name: str) -> int:
    area = session.exec(select(Area).where(Area.name == name)).one()
    assert area.id is not None
    return area.id


# -------------------------------------------------------------------------- the big list


def test_a_list_of_200_contacts_imports_with_its_organisations_and_areas(db, clock) -> None:
    source = read_file((FIXTURES / "contacts_200.csv").read_bytes())

    import_plan = plan(db, source)
    apply(db, clock, import_plan)

    assert (len(import_plan.created), len(import_plan.matched), len(import_plan.rejected)) == (
        200, 0, 0)
    assert count(db, Contact) == 200
    assert count(db, ContactOrganisation) == 200
    with db.session() as session:
        organisations = session.exec(select(Organisation)).all()
        types = {o.type for o in organisations}
        names = [o.name for o in organisations]
        linked_areas = session.exec(select(func.count()).select_from(ContactArea)).one()
        audit = session.exec(select(AuditEvent).where(AuditEvent.action == "import.applied")
                             ).one()
    assert len(names) == len(set(names)) == 34  # each created once, then reused
    assert {t.code for t in ORG_TYPES} <= types  # every type, every kind of gebedshuis
    assert linked_areas > 150
    assert audit.detail == {"created": 200, "matched": 0, "rejected": 0,
                            "organisations_created": 34}
    fatima = next(c for c in contacts(db) if c.display_name == "Fatima Wiśniewski")
    assert fatima.network == "informal"
    assert fatima.agreed_on is not None
    assert fatima.informed_on is not None


def test_a_dry_run_writes_nothing(db) -> None:
    audit_before = count(db, AuditEvent)

    import_plan = plan(db, (FIXTURES / "contacts_200.csv").read_bytes())

    assert len(import_plan.created) == 200
    assert len(import_plan.new_organisations) == 34
    assert count(db, Contact) == 0
    assert count(db, Organisation) == 0
    assert count(db, AuditEvent) == audit_before


def test_progress_is_reported_every_n_rows_and_at_the_end(db, clock) -> None:
    source = read_file((FIXTURES / "contacts_200.csv").read_bytes())
    seen: list[tuple[int, int]] = []

    with db.session() as session:
        import_plan = plan_import(session, source.rows, progress=lambda d, t: seen.append((d, t)),
                                  progress_every=75)
        apply_import(session, import_plan, None, clock.now(),
                     progress=lambda d, t: seen.append((d, t)), progress_every=75)

    assert seen == [(75, 200), (150, 200), (200, 200)] * 2


# ------------------------------------------------------------------------- matching


def test_someone_already_in_the_register_is_matched_not_duplicated(db, clock) -> None:
    with db.session() as session:
        organisation = create_organisation(session, name="Buurthuis De Schakel",
                                           type_code="buurthuis", network="formal",
                                           now=clock.now())
        existing = create_contact(session, name="Fatima el Amrani", network="informal",
                                  now=clock.now(), organisation_id=organisation.id)

    import_plan = plan(db, csv_text(row(naam="FATIMA  El-Amráni")))
    apply(db, clock, import_plan)

    [matched] = import_plan.matched
    assert (matched.line, matched.matched_contact_id) == (2, existing.id)
    assert matched.matched_name == "Fatima el Amrani"
    assert "telefoon" in matched.fills
    assert "gebied Stad-Oost" in matched.fills
    [contact] = contacts(db)
    assert contact.display_name == "Fatima el Amrani"  # the register's name stays
    assert contact.phone == "06-12345678"  # a blank field is filled in
    assert count(db, Organisation) == 1


def test_a_close_but_different_name_is_a_new_contact_and_never_gets_the_others_data(
        db, clock) -> None:
    """Attack review #9: "Jan Jansen" in a file is not the register's "Jan Janssen"."""
    with db.session() as session:
        existing = create_contact(session, name="Fatima el Amrany", network="informal",
                                  now=clock.now())

    import_plan = plan(db, csv_text(row(naam="Fatima el Amrani", organisatie="", type="",
                                        functie="")))
    apply(db, clock, import_plan)

    assert import_plan.matched == []
    [created] = import_plan.created
    assert created.looks_like == f"contact #{existing.id} 'Fatima el Amrany'"
    assert any("lijkt op" in note and "niet samengevoegd" in note for note in created.notes)
    by_name = {c.display_name: c for c in contacts(db)}
    assert by_name["Fatima el Amrany"].phone is None  # nothing copied onto the other person
    assert by_name["Fatima el Amrani"].phone == "06-12345678"


def test_an_id_column_matches_its_contact_despite_a_different_spelling(db, clock) -> None:
    with db.session() as session:
        existing = create_contact(session, name="Fatima el Amrany", network="informal",
                                  now=clock.now())
        other = create_contact(session, name="Kees Visser", network="informal",
                               now=clock.now())
    header = ["id", *HEADER]

    import_plan = plan(db, csv_text(
        [str(existing.id), *row(organisatie="", type="", functie="")],
        [str(existing.id), *row(naam="Piet Post", organisatie="", type="", functie="")],
        header=header))

    [matched] = import_plan.matched
    assert matched.matched_contact_id == existing.id
    [created] = import_plan.created  # an id naming someone else is not followed
    assert created.name == "Piet Post"
    assert any("een andere naam; niet op id samengevoegd" in n for n in created.notes)
    assert other.id != existing.id


def test_a_match_never_overwrites_what_the_register_already_says(db, clock) -> None:
    with db.session() as session:
        organisation = create_organisation(session, name="Buurthuis De Schakel",
                                           type_code="buurthuis", network="formal",
                                           now=clock.now())
        create_contact(session, name="Fatima el Amrani", network="informal", now=clock.now(),
                       organisation_id=organisation.id, phone="06-99999999", status="slapend")

    import_plan = plan(db, csv_text(row()))
    apply(db, clock, import_plan)

    [matched] = import_plan.matched
    assert any("telefoon in het bestand" in note for note in matched.notes)
    assert any("status in het bestand (actief)" in note for note in matched.notes)
    [contact] = contacts(db)
    assert (contact.phone, contact.status) == ("06-99999999", "slapend")


def test_a_file_without_a_status_column_leaves_the_status_alone(db, clock) -> None:
    with db.session() as session:
        organisation = create_organisation(session, name="Buurthuis De Schakel",
                                           type_code="buurthuis", network="formal",
                                           now=clock.now())
        create_contact(session, name="Fatima el Amrani", network="informal", now=clock.now(),
                       organisation_id=organisation.id, status="slapend")
    header = [h for h in HEADER if h != "status"]
    text = csv_text([c for h, c in zip(HEADER, GOOD, strict=True) if h != "status"],
                    header=header)

    import_plan = plan(db, text)
    apply(db, clock, import_plan)

    [matched] = import_plan.matched
    assert not any("status" in note for note in matched.notes)
    assert contacts(db)[0].status == "slapend"


def test_an_archived_contact_is_matched_and_left_as_it_is(db, clock) -> None:
    with db.session() as session:
        organisation = create_organisation(session, name="Buurthuis De Schakel",
                                           type_code="buurthuis", network="formal",
                                           now=clock.now())
        contact = create_contact(session, name="Fatima el Amrani", network="informal",
                                 now=clock.now(), organisation_id=organisation.id)
        contact.archived_at = clock.now()
        session.add(contact)

    import_plan = plan(db, csv_text(row()))
    apply(db, clock, import_plan)

    [matched] = import_plan.matched
    assert matched.fills == []
    assert "gearchiveerd" in matched.notes[0]
    [stored] = contacts(db)
    assert stored.phone is None


def test_the_same_name_in_another_organisation_is_a_new_contact_with_a_note(db, clock) -> None:
    with db.session() as session:
        organisation = create_organisation(session, name="Moskee Al Fath",
                                           type_code="gebedshuis-moskee", network="informal",
                                           now=clock.now())
        create_contact(session, name="Fatima el Amrani", network="informal", now=clock.now(),
                       organisation_id=organisation.id)

    import_plan = plan(db, csv_text(row()))

    [created] = import_plan.created
    assert any("lijkt op contact #1 'Fatima el Amrani'" in note for note in created.notes)


def test_a_person_listed_twice_in_one_file_is_created_once(db, clock) -> None:
    text = csv_text(row(telefoon=""), row(naam="fatima el amrani", gebied="Stedenwijk"))

    import_plan = plan(db, text)
    apply(db, clock, import_plan)

    assert outcomes(import_plan) == {2: Outcome.CREATE, 3: Outcome.MATCH}
    assert import_plan.matched[0].matched_line == 2
    [contact] = contacts(db)
    assert contact.phone == "06-12345678"
    with db.session() as session:
        assert len(session.exec(select(ContactArea)).all()) == 2


def test_the_same_person_in_the_other_network_is_rejected_not_moved(db, clock) -> None:
    with db.session() as session:
        organisation = create_organisation(session, name="Buurthuis De Schakel",
                                           type_code="buurthuis", network="formal",
                                           now=clock.now())
        create_contact(session, name="Fatima el Amrani", network="formal", now=clock.now(),
                       organisation_id=organisation.id)

    import_plan = plan(db, csv_text(row()))

    [rejected] = import_plan.rejected
    assert "staat al in het formele netwerk" in rejected.reasons[0]
    assert contacts(db)[0].network == "formal"


def test_an_organisation_named_again_without_a_type_is_reused(db, clock) -> None:
    text = csv_text(row(naam="Ahmed Bouzid", organisatie="Al Fath", type="moskee"),
                    row(naam="Yusuf Kaya", organisatie="al fath", type=""))

    import_plan = plan(db, text)
    apply(db, clock, import_plan)

    assert len(import_plan.created) == 2
    with db.session() as session:
        [organisation] = session.exec(select(Organisation)).all()
    assert (organisation.name, organisation.type, organisation.network) == (
        "Al Fath", "gebedshuis-moskee", "informal")


@SQLITE_ONLY
def test_a_type_left_out_is_read_from_the_organisation_name(db) -> None:
    import_plan = plan(db, csv_text(row(organisatie="Moskee Nour", type=""),
                                    row(naam="Jan Smit", organisatie="De Vonk", type="")))

    assert [o.type_code for r in import_plan.rows for o in r.organisations] == [
        "gebedshuis-moskee", "overig"]
    assert "afgeleid uit de naam" in import_plan.rows[0].notes[0]
    assert "vastgelegd als 'overig'" in import_plan.rows[1].notes[0]


# ------------------------------------------------------------------------ bad rows

BAD_ROWS = [
    pytest.param({"naam": ""}, "naam ontbreekt", id="missing name"),
    pytest.param({"netwerk": ""}, "netwerk ontbreekt", id="missing network"),
    pytest.param({"netwerk": "half"}, "onbekend netwerk 'half'", id="unknown network"),
    pytest.param({"gebied": "Stedewijk"}, "onbekend gebied 'Stedewijk' (bedoelt u 'Stedenwijk'?)",
                 id="unknown area"),
    pytest.param({"akkoord_op": "31-02-2025"}, "ongeldige datum '31-02-2025' bij akkoord op",
                 id="impossible date"),
    pytest.param({"geinformeerd_op": "maart"}, "ongeldige datum 'maart' bij geïnformeerd op",
                 id="date in words"),
    pytest.param({"email": "fatima@"}, "ongeldig e-mailadres 'fatima@'", id="invalid email"),
    pytest.param({"telefoon": BSN}, "op een BSN lijkt (kolom telefoon)", id="BSN as phone"),
    pytest.param({"telefoon": f"nr {BSN}"}, "ongeldig telefoonnummer '(niet getoond)'",
                 id="BSN in a phone cell with words"),
    pytest.param({"naam": f"Jan {BSN}", "email": f"{BSN}@"}, "op een BSN lijkt (kolom naam)",
                 id="BSN in a name"),
    pytest.param({"functie": f"vrijwilliger, bsn {BSN[:3]}.{BSN[3:5]}.{BSN[5:7]}.{BSN[7:]}"},
                 "op een BSN lijkt (kolom functie)", id="BSN in a function"),
    pytest.param({"rollen": "sleutelfiguur|moslim"}, "rol 'moslim' zegt iets over geloof",
                 id="religion as a role"),
    pytest.param({"functie": "voorzitter, Marokkaanse afkomst"},
                 "functie 'voorzitter, Marokkaanse afkomst' zegt iets over afkomst",
                 id="origin in a function"),
    pytest.param({"functie": "depressief"}, "functie 'depressief' zegt iets over gezondheid",
                 id="health"),
    pytest.param({"functie": "partijlid"}, "zegt iets over politieke voorkeur", id="politics"),
    pytest.param({"functie": "diabetespatiënt"}, "zegt iets over gezondheid",
                 id="a compound about a person's health"),
    pytest.param({"rollen": "sleutelfiguur|PVV-stemmer"}, "zegt iets over politieke voorkeur",
                 id="a party preference as a role"),
    pytest.param({"functie": "FNV-kaderlid"}, "zegt iets over vakbondslidmaatschap",
                 id="union membership"),
    pytest.param({"rollen": "soenniet"}, "rol 'soenniet' zegt iets over",
                 id="denomination as a role"),
    pytest.param({"status": "weg"}, "onbekende status 'weg'", id="unknown status"),
    pytest.param({"type": "gebedshuis"}, "onbekend organisatietype 'gebedshuis'",
                 id="unknown organisation type"),
    pytest.param({"organisatie": "", "type": "moskee", "functie": ""},
                 "organisatietype zonder organisatie", id="type without organisation"),
    pytest.param({"ritme_dagen": "vaak"}, "ongeldig ritme 'vaak'", id="rhythm not a number"),
    pytest.param({"telefoon": "bel de receptie"}, "ongeldig telefoonnummer",
                 id="phone in words"),
    pytest.param({"naam": "x" * 201}, "naam is langer dan 200 tekens", id="name too long"),
]


@pytest.mark.parametrize("changes", [
    {"functie": "imam"},
    {"rollen": "sleutelfiguur|predikant"},
    {"functie": "verpleegkundige ziekenhuis"},
    {"functie": "voorzitter Joodse gemeenschap"},
    {"functie": "jongerenwerker"},
])
@SQLITE_ONLY
def test_a_job_or_an_organisation_in_a_role_or_function_is_not_a_special_category(
        db, changes) -> None:
    import_plan = plan(db, csv_text(row(naam="Jan Smit", **changes)))

    assert import_plan.rejected == []


@pytest.mark.parametrize(("changes", "reason"), BAD_ROWS)
@SQLITE_ONLY
def test_a_bad_row_is_rejected_with_its_reason_and_line_and_the_rest_imports(
        db, clock, changes, reason) -> None:
    text = csv_text(row(naam="Jan Smit"), row(**changes), row(naam="Kees de Boer"))

    import_plan = plan(db, text)
    apply(db, clock, import_plan)

    [rejected] = import_plan.rejected
    assert rejected.line == 3
    assert any(reason in r for r in rejected.reasons), rejected.reasons
    assert BSN not in " ".join([rejected.name, *rejected.reasons])  # never repeated back
    assert [c.display_name for c in contacts(db)] == ["Jan Smit", "Kees de Boer"]


@SQLITE_ONLY
def test_every_kind_of_bad_row_in_one_file_is_reported_by_line(db, clock) -> None:
    bad = [row(naam=f"Persoon {i}", **changes) for i, (changes, _) in
           enumerate(p.values for p in BAD_ROWS if "naam" not in p.values[0])]
    text = csv_text(row(), *bad, row(naam="Kees de Boer"))

    import_plan = plan(db, text)
    apply(db, clock, import_plan)

    assert [r.line for r in import_plan.rejected] == list(range(3, 3 + len(bad)))
    assert [r.line for r in import_plan.created] == [2, 3 + len(bad)]
    assert len(contacts(db)) == 2


@SQLITE_ONLY
def test_a_row_that_names_the_other_network_than_the_whole_file_is_rejected(db) -> None:
    import_plan = plan(db, csv_text(row(), row(naam="Jan Smit", netwerk="formeel")),
                       network="informal")

    assert outcomes(import_plan) == {2: Outcome.CREATE, 3: Outcome.REJECT}
    assert "wijkt af van het netwerk dat voor het hele bestand" in \
        import_plan.rejected[0].reasons[0]


@SQLITE_ONLY
def test_a_row_with_more_cells_than_the_header_is_rejected(db) -> None:
    text = csv_text(row()) + ";".join(["Jansen, Jan", "informeel", *[""] * 11, "extra"]) + "\r\n"

    import_plan = plan(db, text)

    assert outcomes(import_plan) == {2: Outcome.CREATE, 3: Outcome.REJECT}
    assert "de regel heeft 14 velden en de kop 13" in import_plan.rejected[0].reasons[0]


@SQLITE_ONLY
def test_a_stray_quote_is_reported_over_the_lines_it_swallowed(db) -> None:
    text = csv_text(row()) + (
        '"Kees;formeel\r\n'  # line 3 opens a quote …
        "Piet Bakker;formeel\r\n"
        'Anna";formeel\r\n'  # … that only line 5 closes
        "Jan Smit;formeel\r\n"
    )

    import_plan = plan(db, text)

    rejected = import_plan.rejected
    assert [r.lines for r in rejected] == ["regels 3–5"]
    assert "naam loopt over meerdere regels" in rejected[0].reasons[0]
    assert outcomes(import_plan) == {2: Outcome.CREATE, 3: Outcome.REJECT, 6: Outcome.CREATE}


@SQLITE_ONLY
def test_blank_lines_are_skipped_and_counted_not_imported(db) -> None:
    source = read_csv(csv_text(row()) + "\r\n;;;;;;;;;;;;\r\n" + ";".join(
        row(naam="Jan Smit")) + "\r\n")

    import_plan = plan(db, source)

    assert source.blank_lines == (3, 4)
    assert outcomes(import_plan) == {2: Outcome.CREATE, 5: Outcome.CREATE}


# ---------------------------------------------------------------------- file shapes


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@SQLITE_ONLY
def test_semicolon_comma_and_tab_files_read_the_same(db, delimiter) -> None:
    text = csv_text(row(rollen="sleutelfiguur, bestuurslid"), row(naam="Jan Smit"),
                    delimiter=delimiter)

    source = read_csv(text)
    import_plan = plan(db, source)

    assert source.delimiter == delimiter
    assert [r.name for r in import_plan.created] == ["Fatima el Amrani", "Jan Smit"]
    assert import_plan.rows[0].roles == ["sleutelfiguur", "bestuurslid"]


@SQLITE_ONLY
def test_a_file_with_a_byte_order_mark_still_finds_its_first_column(db) -> None:
    data = "\ufeff".encode() + csv_text(row()).encode()

    import_plan = plan(db, data)

    assert [r.name for r in import_plan.created] == ["Fatima el Amrani"]


@SQLITE_ONLY
def test_excel_sep_hint_line_is_understood(db) -> None:
    import_plan = plan(db, "sep=,\r\n" + csv_text(row(), delimiter=","))

    assert outcomes(import_plan) == {3: Outcome.CREATE}


def test_a_file_that_is_not_utf8_is_refused_as_a_whole() -> None:
    with pytest.raises(ImportFileError, match="geen UTF-8"):
        read_csv(csv_text(row(naam="Jürgen Müller")).encode("cp1252"))


@pytest.mark.parametrize("text", ["", "\r\n\r\n", "telefoon;email\r\n06-1;a@b.nl\r\n",
                                  "a;b;c\r\n1;2;3\r\n"])
def test_a_file_without_a_name_column_is_refused_as_a_whole(text) -> None:
    with pytest.raises(ImportFileError):
        read_csv(text)


@SQLITE_ONLY
def test_a_file_without_a_network_column_needs_the_network_for_the_whole_file(db) -> None:
    text = "naam;organisatie\r\nJan Smit;Politie Almere\r\n"

    with pytest.raises(ImportFileError, match="geen kolom 'netwerk'"):
        read_file(text)
    source = read_file(text, network="formal")
    import_plan = plan(db, source, network="formal")

    assert [(r.name, r.network) for r in import_plan.created] == [("Jan Smit", "formal")]


def test_english_headers_are_understood(db, clock) -> None:
    header = ["Name", "Network", "Organisation", "Type", "Function", "Area", "Status", "Roles",
              "Phone", "E-mail", "Channel", "Agreed on", "Informed on", "Rhythm days"]
    text = csv_text(["Anna de Boer", "formal", "Wijkteam Haven", "neighbourhood team",
                     "wijkcoach", "De Werven|Haven-Centrum", "active", "partner",
                     "+31 6 1234 5678", "anna@example.nl", "email", "2025-03-01",
                     "2025-03-01", "60"], header=header)

    import_plan = plan(db, text)
    apply(db, clock, import_plan)

    [contact] = contacts(db)
    assert (contact.network, contact.status, contact.preferred_channel) == (
        "formal", "actief", "email")
    assert contact.rhythm_ideal_days == 60
    assert import_plan.rows[0].area_names == ["De Werven", "Haven-Centrum"]
    assert import_plan.rows[0].organisations[0].type_code == "wijkteam"


def test_a_column_that_would_record_religion_is_not_imported_and_is_named(db, clock) -> None:
    text = csv_text([*row(), "islamitisch", "vriendelijk"],
                    header=[*HEADER, "religie", "opmerkingen"])

    source = read_csv(text)
    import_plan = plan(db, source)
    apply(db, clock, import_plan)

    assert source.privacy_columns == ("religie",)
    assert source.ignored_columns == ("opmerkingen",)
    assert len(import_plan.created) == 1


@SQLITE_ONLY
def test_a_bsn_in_a_column_the_importer_does_not_use_still_rejects_the_row(db) -> None:
    text = csv_text([*row(), f"BSN {BSN}"], header=[*HEADER, "opmerkingen"])

    [rejected] = plan(db, text).rejected

    assert "op een BSN lijkt (kolom opmerkingen)" in rejected.reasons[0]


@pytest.mark.parametrize(("written", "code"), [
    ("gebedshuis-moskee", "gebedshuis-moskee"),
    ("gebedshuis – kerk", "gebedshuis-kerk"),
    ("Gebedshuis - Synagoge", "gebedshuis-synagoge"),
    ("tempel", "gebedshuis-tempel"),
    ("gurdwara", "gebedshuis-gurdwara"),
    ("Moskee", "gebedshuis-moskee"),
    ("mosque", "gebedshuis-moskee"),
    ("place of worship – church", "gebedshuis-kerk"),
    ("migranten- of zelforganisatie", "zelforganisatie"),
    ("buurthuis / wijkcentrum", "buurthuis"),
    ("wijkcentrum", "buurthuis"),
    ("zorg / GGD", "zorg"),
    ("basisschool", "school"),
])
def test_an_organisation_type_is_read_from_a_code_a_label_or_a_word(written, code) -> None:
    found = resolve_type(written)

    assert found is not None
    assert found.code == code


@SQLITE_ONLY
def test_dates_are_read_in_dutch_and_iso_form(db) -> None:
    import_plan = plan(db, csv_text(row(akkoord_op="1-3-2025", geinformeerd_op="2025-03-02"),
                                    row(naam="Jan Smit", akkoord_op="01/03/2025",
                                        geinformeerd_op="02.03.2025")))

    for planned in import_plan.rows:
        assert (planned.agreed_on.isoformat(), planned.informed_on.isoformat()) == (
            "2025-03-01", "2025-03-02")


def test_several_organisations_in_one_row_are_linked_with_their_functions(db, clock) -> None:
    text = csv_text(row(organisatie="Moskee Al Fath|Buurthuis De Schakel",
                        type="moskee|buurthuis", functie="voorzitter|vrijwilliger"))

    apply(db, clock, plan(db, text))

    with db.session() as session:
        links = [(organisation.type, link.function) for organisation, link in session.exec(
            select(Organisation, ContactOrganisation).join(
                ContactOrganisation,
                col(ContactOrganisation.organisation_id) == col(Organisation.id))).all()]
    assert sorted(links) == [("buurthuis", "vrijwilliger"), ("gebedshuis-moskee", "voorzitter")]


# -------------------------------------------------------------------------- vCard

VCARDS = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:el Amrani;Fatima;;;\r\n"
    "FN:Fatima el Amrani\r\n"
    "ORG:Buurthuis De Schakel;Jongeren\r\n"
    "TITLE:coördinator jongeren\r\n"
    "  en vrijwilligers\r\n"
    "TEL;TYPE=WORK,VOICE:036-5399999\r\n"
    "TEL;TYPE=CELL:06-12345678\r\n"
    "EMAIL;TYPE=INTERNET:fatima@example.nl\r\n"
    "BDAY:1980-01-01\r\n"
    "NOTE:Kent de wijk\\, al jaren.\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Jan de Vries\r\n"
    "ORG:Moskee Al Fath\r\n"
    'TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+31-6-87654321\r\n'
    "EMAIL:jan@example.nl\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Kees Bakker\r\n"
    f"NOTE:BSN {BSN}\r\n"
    "END:VCARD\r\n"
)


def test_a_vcard_file_imports_with_the_network_given_for_the_whole_file(db, clock) -> None:
    source = read_file(VCARDS.encode(), filename="telefoon.vcf", network="informal")

    import_plan = plan(db, source)
    apply(db, clock, import_plan)

    assert source.format == "vcard"
    assert "BDAY" in source.ignored_columns  # a birthday is not kept
    assert outcomes(import_plan) == {1: Outcome.CREATE, 14: Outcome.CREATE, 21: Outcome.REJECT}
    assert "BSN lijkt (kolom NOTE)" in import_plan.rejected[0].reasons[0]
    fatima, jan = contacts(db)
    assert (fatima.display_name, fatima.network, fatima.phone, fatima.email) == (
        "Fatima el Amrani", "informal", "06-12345678", "fatima@example.nl")
    assert (jan.display_name, jan.phone) == ("Jan de Vries", "+31-6-87654321")
    with db.session() as session:
        functions = [link.function for link in session.exec(select(ContactOrganisation))]
        types = set(session.exec(select(Organisation.type)).all())
    assert "coördinator jongeren en vrijwilligers" in functions
    assert types == {"buurthuis", "gebedshuis-moskee"}


def test_a_vcard_file_without_a_network_is_refused_as_a_whole() -> None:
    with pytest.raises(ImportFileError, match="--network"):
        read_file(VCARDS, filename="contacts.vcf")


@SQLITE_ONLY
def test_a_vcard_whose_title_describes_a_belief_is_rejected_with_the_value(db) -> None:
    source = read_vcard("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna de Wit\r\nORG:De Schakel\r\n"
                        "TITLE:moslima vrijwilliger\r\nEND:VCARD\r\n", network="formal")

    [rejected] = plan(db, source).rejected

    assert any("functie 'moslima vrijwilliger' zegt iets over geloof" in reason
               for reason in rejected.reasons)


def test_an_unreadable_or_unfinished_vcard_is_rejected_by_line() -> None:
    source = read_vcard("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEND:VCARD\r\n"
                        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Piet\r\n", network="formal")

    assert [(r.line, r.problems) for r in source.rows] == [
        (1, ()), (5, ("vCard zonder END:VCARD",))]


# ---------------------------------------------------------------------- the invariant

CELL = st.one_of(
    st.sampled_from(["", "Fatima el Amrani", "Jan Smit", "informeel", "formeel", "Stad-Oost",
                     "Nergenshuizen", "moskee", "01-02-2025", "31-31-2025", BSN, "moslim",
                     "a@b.nl", "geen mail", "06-12345678", "actief", '"', "|", ";"]),
    st.text(st.characters(blacklist_characters="\x00"), max_size=12),
)


@SQLITE_ONLY
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELL, min_size=0, max_size=len(HEADER) + 2), max_size=12))
def test_every_row_ends_up_created_matched_or_rejected_exactly_once(db, records) -> None:
    text = csv_text(*records)
    source = read_csv(text)

    import_plan = plan(db, source)

    lines = [r.line for r in import_plan.rows]
    assert len(lines) == len(set(lines)) == len(source.rows)
    assert all((r.outcome is Outcome.REJECT) == bool(r.reasons) for r in import_plan.rows)
    data_records = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[1:]
    # a line of control characters only is cleaned to a blank one (core.text.clean)
    blank = sum(1 for r in data_records if not any(clean(c).strip() for c in r))
    assert len(source.rows) + blank == len(data_records)
