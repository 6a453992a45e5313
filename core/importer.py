"""Importing existing contact lists (CSV, vCard) into the register: plan first, then apply.

Reading a file gives `SourceRow`s: a line number and the cells under their canonical column
names. `plan_import` decides for every row whether it creates a contact, matches one that is
already there (in the register or earlier in the file), or is rejected with a reason in Dutch;
nothing is dropped. `apply_import` writes a plan inside the caller's transaction, audited. A
dry run is `plan_import` alone: it only reads.

Privacy (design.md §2): a row holding a BSN-like number anywhere is refused, and so is a role or
function that records a person's religion, origin, political opinion or health. Columns the
importer does not know are never stored; they are reported, and only checked for BSNs.
Column names, accepted values and the matching rule are documented in docs/import-export.md.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from rapidfuzz import fuzz, process
from sqlmodel import Session, col, select

from core.access import audit
from core.contacts import create_contact, create_organisation
from core.organisations import BY_CODE, ORG_TYPES, OrgType, type_for_word
from core.reading.guards import CATEGORY_NAMES, label_category
from core.reading.matching import NameIndex
from core.text import clean, from_spreadsheet_cell, looks_like_formula
from core.understanding import _PRIVACY_WORDS, contains_bsn
from storage.models import (
    Area,
    Contact,
    ContactArea,
    ContactOrganisation,
    ContactStatus,
    Network,
    Organisation,
)

Progress = Callable[[int, int], None]
"""Called as `progress(done, total)` every `progress_every` rows and once at the end."""

PROGRESS_EVERY = 100
MATCH_SCORE = 90.0  # 0–100: how alike two names must be to be the same person
SUGGEST_SCORE = 75.0

# Canonical columns, named like the export's contacts.csv so an export imports again.
ID = "id"  # the register's contact number, as the export writes it: matches that contact
NAME = "display_name"
NETWORK = "network"
ORGANISATION = "organisation"
ORGANISATION_TYPE = "organisation_type"
FUNCTION = "function"
AREAS = "areas"
STATUS = "status"
ROLES = "roles"
PHONE = "phone"
EMAIL = "email"
CHANNEL = "preferred_channel"
AGREED_ON = "agreed_on"
INFORMED_ON = "informed_on"
RHYTHM_IDEAL = "rhythm_ideal_days"
RHYTHM_MAX = "rhythm_max_days"

# How people write the column headers (after folding: lower case, no accents, `_` between
# words) → the canonical column. Dutch and English.
HEADER_ALIASES: dict[str, str] = {
    **dict.fromkeys(("id", "contact_id", "nummer"), ID),
    **dict.fromkeys(("naam", "name", "display_name", "weergavenaam", "volledige_naam",
                     "contactpersoon", "full_name"), NAME),
    **dict.fromkeys(("netwerk", "network"), NETWORK),
    **dict.fromkeys(("organisatie", "organisation", "organization", "organisaties",
                     "organisations"), ORGANISATION),
    **dict.fromkeys(("type", "organisatietype", "organisatie_type", "soort_organisatie",
                     "organisation_type", "organization_type"), ORGANISATION_TYPE),
    **dict.fromkeys(("functie", "function", "job_title", "title"), FUNCTION),
    **dict.fromkeys(("gebied", "gebieden", "wijk", "wijken", "stadsdeel", "buurt", "area",
                     "areas"), AREAS),
    **dict.fromkeys(("status",), STATUS),
    **dict.fromkeys(("rollen", "rol", "roles", "role"), ROLES),
    **dict.fromkeys(("telefoon", "telefoonnummer", "tel", "mobiel", "phone", "mobile"), PHONE),
    **dict.fromkeys(("email", "e_mail", "mail", "emailadres", "e_mailadres", "email_address"),
                    EMAIL),
    **dict.fromkeys(("voorkeurskanaal", "kanaal", "channel", "preferred_channel"), CHANNEL),
    **dict.fromkeys(("akkoord_op", "akkoord", "toestemming_op", "agreed_on"), AGREED_ON),
    **dict.fromkeys(("geinformeerd_op", "geinformeerd", "informed_on"), INFORMED_ON),
    **dict.fromkeys(("ritme_dagen", "ritme", "ritme_ideaal_dagen", "rhythm_days",
                     "rhythm_ideal_days"), RHYTHM_IDEAL),
    **dict.fromkeys(("ritme_max_dagen", "rhythm_max_days"), RHYTHM_MAX),
}
# Columns that may appear more than once (`gebied` and `wijk`): their values are combined.
_COMBINED = {AREAS, ROLES}

# Column names in reasons, as a Dutch coordinator knows them.
LABELS: dict[str, str] = {
    ID: "id", NAME: "naam", NETWORK: "netwerk", ORGANISATION: "organisatie",
    ORGANISATION_TYPE: "type", FUNCTION: "functie", AREAS: "gebied", STATUS: "status",
    ROLES: "rollen", PHONE: "telefoon", EMAIL: "e-mail", CHANNEL: "voorkeurskanaal",
    AGREED_ON: "akkoord op", INFORMED_ON: "geïnformeerd op", RHYTHM_IDEAL: "ritme",
    RHYTHM_MAX: "maximaal ritme",
}

NETWORK_WORDS: dict[str, Network] = {
    "formeel": Network.FORMAL, "formal": Network.FORMAL, "formeel netwerk": Network.FORMAL,
    "informeel": Network.INFORMAL, "informal": Network.INFORMAL,
    "informeel netwerk": Network.INFORMAL,
}
NETWORK_NL = {Network.FORMAL: "formeel", Network.INFORMAL: "informeel"}
NETWORK_IN = {Network.FORMAL: "het formele netwerk", Network.INFORMAL: "het informele netwerk"}
STATUS_WORDS: dict[str, ContactStatus] = {
    **{status.value: status for status in ContactStatus},
    "approached": ContactStatus.BENADERD, "active": ContactStatus.ACTIEF,
    "dormant": ContactStatus.SLAPEND, "stopped": ContactStatus.GESTOPT,
}
MAX_LENGTH = {NAME: 200, ORGANISATION: 200, FUNCTION: 120, PHONE: 40, EMAIL: 200, CHANNEL: 20}
MAX_RHYTHM_DAYS = 3650

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)
_DELIMITERS = (";", ",", "\t")
# A contact list is a few thousand rows of a few dozen columns; far beyond that the file is
# not one, and reading it would only use up memory and time.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 200
MAX_LINE_CHARS = 20_000


class ImportFileError(ValueError):
    """The file as a whole cannot be read (encoding, no header, no vCards); nothing is planned."""


class Outcome(StrEnum):
    CREATE = "create"
    MATCH = "match"
    REJECT = "reject"


@dataclass(frozen=True)
class SourceRow:
    """One contact as read from a file, before any checking."""

    line: int  # where it starts in the file (1-based)
    cells: dict[str, str]  # canonical column → value as written (stripped)
    other: dict[str, str] = field(default_factory=dict)  # columns we do not use: BSN check only
    problems: tuple[str, ...] = ()  # found while reading (too many cells, unreadable vCard)
    last_line: int | None = None  # where it ends, when it spans several lines


@dataclass(frozen=True)
class SourceFile:
    format: str  # "csv" or "vcard"
    rows: list[SourceRow]
    delimiter: str | None = None
    ignored_columns: tuple[str, ...] = ()  # columns (or vCard properties) not imported
    privacy_columns: tuple[str, ...] = ()  # ignored because they would record religion etc.
    blank_lines: tuple[int, ...] = ()  # empty lines between rows (not contacts)
    notices: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # the canonical columns the file has


@dataclass
class PlannedOrganisation:
    name: str
    type_code: str
    function: str | None
    organisation_id: int | None  # an organisation already in the register
    new_key: tuple[str, str] | None = None  # otherwise: the new one this import creates


@dataclass
class NewOrganisation:
    key: tuple[str, str]
    name: str
    type_code: str
    network: str
    first_line: int


@dataclass
class PlannedRow:
    """What the import does with one row: create, match or reject — and why."""

    line: int
    name: str
    outcome: Outcome = Outcome.CREATE
    reasons: list[str] = field(default_factory=list)  # why it is rejected
    notes: list[str] = field(default_factory=list)  # worth a look, but not a rejection
    last_line: int | None = None
    network: str | None = None
    status: str | None = None  # None: not in the file (a new contact is then `actief`)
    roles: list[str] = field(default_factory=list)
    organisations: list[PlannedOrganisation] = field(default_factory=list)
    area_ids: list[int] = field(default_factory=list)
    area_names: list[str] = field(default_factory=list)
    phone: str | None = None
    email: str | None = None
    preferred_channel: str | None = None
    agreed_on: date | None = None
    informed_on: date | None = None
    rhythm_ideal_days: int | None = None
    rhythm_max_days: int | None = None
    matched_contact_id: int | None = None  # the register's contact this row is
    matched_line: int | None = None  # or the earlier row in this file
    matched_name: str | None = None
    match_score: float | None = None
    fills: list[str] = field(default_factory=list)  # what a match adds to the contact
    contact_id: int | None = None  # the id column: the register's contact this row says it is
    looks_like: str | None = None  # a close but different name, not merged: "contact #3 'X'"

    @property
    def lines(self) -> str:
        if self.last_line and self.last_line != self.line:
            return f"regels {self.line}–{self.last_line}"
        return f"regel {self.line}"


@dataclass
class ImportPlan:
    rows: list[PlannedRow]
    new_organisations: list[NewOrganisation]

    @property
    def created(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.outcome is Outcome.CREATE]

    @property
    def matched(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.outcome is Outcome.MATCH]

    @property
    def rejected(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.outcome is Outcome.REJECT]


@dataclass(frozen=True)
class ImportResult:
    created_contact_ids: list[int]
    matched_contact_ids: list[int]
    organisations_created: int
    rejected: int
    contacts_completed: int  # matched contacts that got a blank field or link filled in


# ---------------------------------------------------------------------------------- reading


def read_file(data: bytes | str, *, file_format: str | None = None,
              network: Network | str | None = None, filename: str = "") -> SourceFile:
    """Read a CSV or vCard file; the format is given, or told by the file name or content."""
    text = decode(data)
    chosen = file_format or _guess_format(filename, text)
    if chosen == "vcard":
        if network is None:
            raise ImportFileError(
                "een vCard zegt niet of iemand bij het formele of informele netwerk hoort: "
                "geef het netwerk voor het hele bestand op (--network formal of informal)"
            )
        return read_vcard(text, network=network)
    if chosen != "csv":
        raise ImportFileError(f"onbekend formaat {chosen!r} (csv of vcard)")
    source = read_csv(text)
    if network is None and NETWORK not in source.columns:
        raise ImportFileError(
            "er is geen kolom 'netwerk' (formeel of informeel): voeg die toe, of geef het "
            "netwerk voor het hele bestand op (--network formal of informal)"
        )
    return source


def decode(data: bytes | str) -> str:
    """UTF-8 text, with or without a byte order mark; anything else is refused.

    Control characters and bidi overrides are taken out and the text is put in NFC
    (core.text.clean), as for everything else that comes in.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(f"het bestand is groter dan {MAX_FILE_BYTES // (1024 * 1024)} MB; "
                              "splits het in kleinere bestanden")
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(
                "het bestand is geen UTF-8; sla het in Excel op als "
                "'CSV UTF-8 (door lijstscheidingsteken gescheiden)'"
            ) from None
    data = data.removeprefix("\ufeff")
    if "\x00" in data:
        raise ImportFileError("het bestand bevat binaire gegevens; is het wel een CSV of vCard?")
    return clean(data)


def read_csv(data: bytes | str) -> SourceFile:
    """Contacts from a CSV with a header line; `;`, `,` or tab separated (sniffed)."""
    text = decode(data)
    if not text.strip():
        raise ImportFileError("het bestand is leeg")
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise ImportFileError(f"regel {number} is langer dan {MAX_LINE_CHARS} tekens; "
                                  "dat is geen contactenlijst")
    first = next(i for i, line in enumerate(lines) if line.strip())
    declared = _SEP_LINE.match(lines[first])
    delimiter = declared.group(1) if declared else _sniff_delimiter(lines[first])

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    columns: list[str | None] = []
    ignored: list[str] = []
    privacy: list[str] = []
    rows: list[SourceRow] = []
    blank: list[int] = []
    previous_end = 0
    sep_line = first + 1 if declared else 0  # Excel's "sep=;" hint is not the header
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if header is None:
                if not any(cell.strip() for cell in record) or previous_end <= sep_line:
                    continue
                if len(record) > MAX_COLUMNS:
                    raise ImportFileError(f"de kopregel heeft {len(record)} kolommen; "
                                          f"meer dan {MAX_COLUMNS} wordt niet gelezen")
                header = [cell.strip() for cell in record]
                columns = [HEADER_ALIASES.get(_fold_header(name)) for name in header]
                for name, column in zip(header, columns, strict=True):
                    if column is None and name:
                        (privacy if _privacy_words(name) else ignored).append(name)
                continue
            if not any(cell.strip() for cell in record):
                blank.append(start)
                continue
            rows.append(_csv_row(record, header, columns, start, previous_end))
    except csv.Error as error:
        raise ImportFileError(f"regel {previous_end + 1}: {error}") from None
    if header is None:
        raise ImportFileError("het bestand is leeg")
    if NAME not in columns:
        raise ImportFileError(
            "geen kolom 'naam' gevonden; gevonden kolommen: " + ", ".join(h for h in header if h)
        )
    present = tuple(dict.fromkeys(c for c in columns if c is not None))
    return SourceFile("csv", rows, delimiter, tuple(ignored), tuple(privacy), tuple(blank),
                      columns=present)


def _sniff_delimiter(header_line: str) -> str:
    """The separator under which the header line has the most known column names."""
    def known(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([header_line], delimiter=delimiter), [])
        except csv.Error as error:
            raise ImportFileError(f"de kopregel is niet te lezen: {error}") from None
        return sum(_fold_header(c) in HEADER_ALIASES for c in cells), len(cells)

    best = max(_DELIMITERS, key=known)
    if known(best)[0] == 0:
        raise ImportFileError(
            "de eerste regel heeft geen bekende kolomnamen (zoals naam, netwerk, organisatie)"
        )
    return best


def _csv_row(record: list[str], header: list[str], columns: list[str | None],
             start: int, end: int) -> SourceRow:
    cells: dict[str, str] = {}
    other: dict[str, str] = {}
    problems: list[str] = []
    extra = [c for c in record[len(header):] if c.strip()]
    if extra:
        problems.append(
            f"de regel heeft {len(header) + len(extra)} velden en de kop {len(header)}; "
            "staat er een scheidingsteken in een waarde zonder aanhalingstekens?"
        )
    for index, raw in enumerate(record[: len(header)]):
        value = from_spreadsheet_cell(raw.strip())
        column = columns[index]
        if column is None:
            if value:
                other[header[index] or f"kolom {index + 1}"] = value
            continue
        if "\n" in value or "\r" in value:
            problems.append(
                f"{LABELS[column]} loopt over meerdere regels (controleer de aanhalingstekens)"
            )
            value = " ".join(value.split())
        if column in _COMBINED and cells.get(column) and value:
            cells[column] = f"{cells[column]}|{value}"
        elif not cells.get(column):  # a repeated column: the first value written counts
            cells[column] = value
    return SourceRow(start, cells, other, tuple(problems), end if end != start else None)


def read_vcard(data: bytes | str, *, network: Network | str) -> SourceFile:
    """Contacts from vCards (3.0, 4.0; 2.1 works too). The network holds for the whole file."""
    try:
        import vobject  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:  # pragma: no cover - a declared dependency
        raise ImportFileError("vCard lezen vraagt het pakket 'vobject'") from None
    text = decode(data)
    lines = text.splitlines()
    rows: list[SourceRow] = []
    notices: list[str] = []
    ignored: set[str] = set()
    start: int | None = None
    for number, line in enumerate(lines, 1):
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            if start is not None:
                rows.append(SourceRow(start, {}, problems=("vCard zonder END:VCARD",),
                                      last_line=number - 1))
            start = number
        elif word == "END:VCARD" and start is not None:
            rows.append(_vcard_row(vobject, lines[start - 1: number], start, number,
                                   str(network), ignored))
            start = None
        elif start is None and line.strip():
            notices.append(f"regel {number}: tekst buiten een vCard overgeslagen")
    if start is not None:
        rows.append(SourceRow(start, {}, problems=("vCard zonder END:VCARD",),
                              last_line=len(lines)))
    if not rows:
        raise ImportFileError("geen vCards gevonden (BEGIN:VCARD … END:VCARD)")
    return SourceFile("vcard", rows, None, tuple(sorted(ignored)), (), (), tuple(notices),
                      columns=(NAME, NETWORK, ORGANISATION, FUNCTION, ROLES, PHONE, EMAIL))


_VCARD_USED = {"VERSION", "FN", "N", "ORG", "TITLE", "ROLE", "TEL", "EMAIL", "PRODID", "UID",
               "REV", "KIND"}
_VCARD_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}


def _vcard_row(vobject: Any, card_lines: list[str], start: int, end: int, network: str,
               ignored: set[str]) -> SourceRow:
    try:
        card = vobject.readOne("\r\n".join(card_lines) + "\r\n")
    except Exception as error:  # vobject raises several kinds; the row says which card failed
        return SourceRow(start, {}, problems=(f"vCard niet leesbaar ({type(error).__name__})",),
                         last_line=end)
    contents: dict[str, list[Any]] = card.contents
    other: dict[str, str] = {}
    for key, items in contents.items():
        name = key.upper()
        if name not in _VCARD_USED:
            ignored.add(name)
        if name in _VCARD_BINARY:
            continue
        for number, item in enumerate(items):
            other[f"{name}#{number}"] = _vcard_text(item.value)

    def values(key: str) -> list[Any]:
        return contents.get(key.lower(), [])

    name = next((str(i.value).strip() for i in values("FN") if str(i.value).strip()), "")
    if not name and values("N"):
        n = values("N")[0].value
        parts = [getattr(n, part, "") for part in ("prefix", "given", "additional", "family")]
        name = " ".join(_vcard_text(p) for p in parts if p)
    organisations = []
    for item in values("ORG"):
        value = item.value if isinstance(item.value, list) else [item.value]
        if value and str(value[0]).strip():
            organisations.append(str(value[0]).strip())
    cells = {
        NAME: name,
        NETWORK: network,
        ORGANISATION: "|".join(organisations),
        FUNCTION: next((_vcard_text(i.value) for i in values("TITLE")), ""),
        ROLES: "|".join(_vcard_text(i.value) for i in values("ROLE")),
        PHONE: _preferred(values("TEL")).removeprefix("tel:"),
        EMAIL: _preferred(values("EMAIL")).removeprefix("mailto:"),
    }
    return SourceRow(start, {k: v.strip() for k, v in cells.items()}, other, (), end)


def _vcard_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_vcard_text(v) for v in value if v)
    return str(value)


def _preferred(items: list[Any]) -> str:
    """The value marked preferred (PREF / TYPE=pref), else a mobile number, else the first."""
    def rank(item: Any) -> int:
        params = {k.upper(): [str(v).lower() for v in vs] for k, vs in item.params.items()}
        types = {t for v in params.get("TYPE", []) for t in v.split(",")}
        types |= {str(v).lower() for v in getattr(item, "singletonparams", [])}  # vCard 2.1
        if "PREF" in params or "pref" in types:
            return 0
        return 1 if "cell" in types else 2

    ordered = sorted(items, key=rank)
    return _vcard_text(ordered[0].value).strip() if ordered else ""


def _guess_format(filename: str, text: str) -> str:
    if filename.lower().endswith((".vcf", ".vcard")):
        return "vcard"
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        return "vcard"
    return "csv"


# --------------------------------------------------------------------------------- planning


@dataclass
class _Person:
    """A contact as the plan sees it: in the register already, or created earlier in the file."""

    name: str
    folded: str
    network: str
    organisation_keys: set[str]  # folded organisation names
    contact: Contact | None = None
    row: PlannedRow | None = None
    organisation_ids: dict[int, str | None] = field(default_factory=dict)  # id → function
    new_organisations: set[tuple[str, str]] = field(default_factory=set)
    area_ids: set[int] = field(default_factory=set)
    values: dict[str, Any] = field(default_factory=dict)  # scalar fields as they are now
    roles: list[str] = field(default_factory=list)


class _Register:
    """What the plan needs from the register, read once."""

    def __init__(self, session: Session) -> None:
        self.areas: dict[str, Area] = {}
        for area in session.exec(select(Area)).all():
            self.areas[_fold(area.name)] = area
        self.area_names = [area.name for area in self.areas.values()]
        self.organisations: dict[str, list[Organisation]] = {}
        by_id: dict[int, Organisation] = {}
        for organisation in session.exec(select(Organisation).order_by(col(Organisation.id))):
            assert organisation.id is not None
            by_id[organisation.id] = organisation
            self.organisations.setdefault(_fold(organisation.name), []).append(organisation)
        self.organisation_by_id = by_id
        # the same matcher as the chat's (core.reading.matching), without near spellings: a
        # file's "Al Fath moskee" or "De Schoor" is the register's one, a typo is not guessed
        self.organisation_index = NameIndex(((i, o.name) for i, o in by_id.items()),
                                            places=self.area_names)
        links: dict[int, dict[int, str | None]] = {}
        for link in session.exec(select(ContactOrganisation)):
            links.setdefault(link.contact_id, {})[link.organisation_id] = link.function
        areas: dict[int, set[int]] = {}
        for contact_area in session.exec(select(ContactArea)):
            areas.setdefault(contact_area.contact_id, set()).add(contact_area.area_id)
        self.people: list[_Person] = []
        for contact in session.exec(select(Contact).order_by(col(Contact.id))):
            assert contact.id is not None
            organisation_ids = links.get(contact.id, {})
            self.people.append(_Person(
                name=contact.display_name, folded=_fold(contact.display_name),
                network=contact.network,
                organisation_keys={_fold(by_id[i].name) for i in organisation_ids if i in by_id},
                contact=contact, organisation_ids=dict(organisation_ids),
                area_ids=areas.get(contact.id, set()),
                values={f: getattr(contact, f) for f in _SCALARS},
                roles=list(contact.roles),
            ))
        self.new_organisations: dict[tuple[str, str], NewOrganisation] = {}
        self.new_types: dict[str, str] = {}  # folded name → type of the first new one


    def written(self, name: str) -> list[Organisation]:
        """The one organisation `name` is another way of writing (word order, type word or
        place left off, the part in brackets); none when it fits several or none."""
        ids = self.organisation_index.written(name)
        return [self.organisation_by_id[ids[0]]] if len(ids) == 1 else []


_SCALARS = ("phone", "email", "preferred_channel", "agreed_on", "informed_on",
            "rhythm_ideal_days", "rhythm_max_days")
_SCALAR_LABELS = {"phone": "telefoon", "email": "e-mail", "preferred_channel": "voorkeurskanaal",
                  "agreed_on": "akkoord op", "informed_on": "geïnformeerd op",
                  "rhythm_ideal_days": "ritme", "rhythm_max_days": "maximaal ritme"}


def plan_import(
    session: Session,
    rows: Sequence[SourceRow],
    *,
    network: Network | str | None = None,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportPlan:
    """Decide for every row: create, match or reject (with reasons). Reads only.

    `network` is the network given for the whole file: it fills an empty network cell, and a
    row that names the other network is rejected.
    """
    register = _Register(session)
    option = _network(str(network)) if network is not None else None
    planned: list[PlannedRow] = []
    total = len(rows)
    for done, row in enumerate(rows, 1):
        planned.append(_plan_row(row, register, option))
        if progress is not None and (done % progress_every == 0 or done == total):
            progress(done, total)
    return ImportPlan(planned, list(register.new_organisations.values()))


def _plan_row(row: SourceRow, register: _Register, option: Network | None) -> PlannedRow:
    cells = row.cells
    name = " ".join(cells.get(NAME, "").split())
    plan = PlannedRow(line=row.line, name=name, last_line=row.last_line)
    reasons = plan.reasons
    reasons.extend(row.problems)

    with_bsn = []
    for column, value in [*cells.items(), *row.other.items()]:
        if value and contains_bsn(value):
            with_bsn.append(value)
            where = LABELS.get(column, column.split("#")[0])
            reasons.append(f"bevat een nummer dat op een BSN lijkt (kolom {where}); "
                           "een BSN wordt nooit opgeslagen")
    if not name:
        reasons.append("naam ontbreekt")
    for column, value in cells.items():
        if value and looks_like_formula(value):
            plan.notes.append(
                f"{LABELS[column]} begint met '{value[0]}': een spreadsheet kan dat als formule "
                "uitvoeren; het wordt als tekst bewaard en krijgt bij een export een ' ervoor")
    written_id = cells.get(ID, "").strip()
    if written_id:
        if written_id.isdigit() and len(written_id) <= 18:
            plan.contact_id = int(written_id)
        else:
            reasons.append(f"ongeldig id '{written_id}' (een contactnummer uit een export)")
    for column, limit in MAX_LENGTH.items():
        if column not in (ORGANISATION, FUNCTION) and len(cells.get(column, "")) > limit:
            reasons.append(f"{LABELS[column]} is langer dan {limit} tekens")

    plan.network = _plan_network(cells.get(NETWORK, ""), option, reasons)
    status = cells.get(STATUS, "").strip().lower()
    if status:
        if status in STATUS_WORDS:
            plan.status = STATUS_WORDS[status]
        else:
            reasons.append(f"onbekende status '{status}' "
                           "(prospect, benaderd, actief, slapend of gestopt)")

    plan.roles = _unique(_split(cells.get(ROLES, "")))
    for role in plan.roles:
        _check_privacy("rol", role, reasons)
    _plan_organisations(plan, cells, register, reasons)
    _plan_areas(plan, cells.get(AREAS, ""), register, reasons)

    phone = cells.get(PHONE, "")
    if phone:
        if sum(c.isdigit() for c in phone) < 6 or re.search(r"[^\d\s+()./-]", phone):
            reasons.append(f"ongeldig telefoonnummer '{phone}'")
        plan.phone = phone
    email = cells.get(EMAIL, "").removeprefix("mailto:")
    if email:
        if not _EMAIL.match(email):
            reasons.append(f"ongeldig e-mailadres '{email}'")
        plan.email = email
    plan.preferred_channel = cells.get(CHANNEL, "").lower() or None
    plan.agreed_on = _date(cells.get(AGREED_ON, ""), AGREED_ON, reasons)
    plan.informed_on = _date(cells.get(INFORMED_ON, ""), INFORMED_ON, reasons)
    plan.rhythm_ideal_days = _days(cells.get(RHYTHM_IDEAL, ""), RHYTHM_IDEAL, reasons)
    plan.rhythm_max_days = _days(cells.get(RHYTHM_MAX, ""), RHYTHM_MAX, reasons)
    if (plan.rhythm_ideal_days and plan.rhythm_max_days
            and plan.rhythm_ideal_days > plan.rhythm_max_days):
        reasons.append("ritme is langer dan het maximale ritme")

    if reasons:
        plan.outcome = Outcome.REJECT
        plan.reasons = _unique(_hide(reason, with_bsn) for reason in reasons)
        plan.name = _hide(plan.name, with_bsn)
        return plan
    _match(plan, register)
    return plan


def _hide(text: str, values: list[str]) -> str:
    """A reason or name without the values that hold a BSN: those are never repeated."""
    for value in values:
        text = text.replace(value, "(niet getoond)")
    return text


def _plan_network(value: str, option: Network | None, reasons: list[str]) -> str | None:
    stated = _network(value) if value.strip() else None
    if value.strip() and stated is None:
        reasons.append(f"onbekend netwerk '{value.strip()}' (formeel of informeel)")
        return None
    if stated is not None and option is not None and stated != option:
        reasons.append(f"netwerk '{NETWORK_NL[stated]}' wijkt af van het netwerk dat voor "
                       f"het hele bestand is opgegeven ({NETWORK_NL[option]})")
        return None
    chosen = stated or option
    if chosen is None and not value.strip():
        reasons.append("netwerk ontbreekt (formeel of informeel)")
    return chosen


def _network(value: str) -> Network | None:
    return NETWORK_WORDS.get(" ".join(value.lower().split()))


def _plan_organisations(plan: PlannedRow, cells: dict[str, str], register: _Register,
                        reasons: list[str]) -> None:
    names = [" ".join(n.split()) for n in cells.get(ORGANISATION, "").split("|")]
    names = [n for n in names if n]
    types = [t.strip() for t in cells.get(ORGANISATION_TYPE, "").split("|")]
    types = types if any(types) else []
    raw_function = cells.get(FUNCTION, "").strip()
    functions = [f.strip() for f in raw_function.split("|")] if len(names) > 1 else [raw_function]
    if raw_function:
        _check_privacy("functie", raw_function, reasons)
    if not names:
        if types:
            reasons.append("organisatietype zonder organisatie")
        if raw_function:
            plan.roles = _unique([*plan.roles, raw_function])
            plan.notes.append(f"functie '{raw_function}' als rol vastgelegd "
                              "(er is geen organisatie)")
        return
    if len(types) not in (0, 1, len(names)):
        reasons.append(f"{len(types)} organisatietypes bij {len(names)} organisaties")
        return
    if raw_function and len(functions) != len(names):
        reasons.append(f"{len(functions)} functies bij {len(names)} organisaties")
        return
    for index, name in enumerate(names):
        function = (functions[index] if index < len(functions) else "") or None
        if len(name) > MAX_LENGTH[ORGANISATION]:
            reasons.append(f"organisatie is langer dan {MAX_LENGTH[ORGANISATION]} tekens")
            continue
        if function and len(function) > MAX_LENGTH[FUNCTION]:
            reasons.append(f"functie is langer dan {MAX_LENGTH[FUNCTION]} tekens")
        written = types[index] if len(types) == len(names) else (types[0] if types else "")
        existing = register.organisations.get(_fold(name), []) or register.written(name)
        org_type: OrgType | None
        if written:
            org_type = resolve_type(written)
            if org_type is None:
                reasons.append(f"onbekend organisatietype '{written}'")
                continue
        elif existing:
            org_type = BY_CODE.get(existing[0].type, BY_CODE["overig"])
        elif _fold(name) in register.new_types:
            org_type = BY_CODE[register.new_types[_fold(name)]]
        else:
            org_type = type_from_name(name)
            if org_type is None:
                org_type = BY_CODE["overig"]
                plan.notes.append(f"geen type bij '{name}': vastgelegd als 'overig'")
            else:
                plan.notes.append(f"type van '{name}' afgeleid uit de naam: {org_type.label_nl}")
        same = next((o for o in existing if o.type == org_type.code), None)
        if same is not None:
            if all(o.organisation_id != same.id for o in plan.organisations):
                plan.organisations.append(
                    PlannedOrganisation(same.name, same.type, function, same.id))
            continue
        key = (_fold(name), org_type.code)
        if any(o.new_key == key for o in plan.organisations):
            continue
        plan.organisations.append(
            PlannedOrganisation(name, org_type.code, function, None, new_key=key))
        if existing:
            plan.notes.append(f"'{name}' bestaat al als {_type_label(existing[0].type)}; "
                              f"er komt een aparte organisatie van het type {org_type.label_nl}")


def _plan_areas(plan: PlannedRow, value: str, register: _Register, reasons: list[str]) -> None:
    for name in _unique(_split(value)):
        area = register.areas.get(_fold(name))
        if area is None:
            found = process.extractOne(name, register.area_names, scorer=fuzz.WRatio,
                                       processor=_fold, score_cutoff=SUGGEST_SCORE)
            hint = f" (bedoelt u '{found[0]}'?)" if found else ""
            reasons.append(f"onbekend gebied '{name}'{hint}")
            continue
        assert area.id is not None
        if area.id not in plan.area_ids:
            plan.area_ids.append(area.id)
            plan.area_names.append(area.name)


def _check_privacy(what: str, text: str, reasons: list[str]) -> None:
    """A role or function that names a special category of a person is refused, with why.

    A value has no sentence around it: label_category says whether it names a category of a
    person ("soennitisch", "diabetespatiënt"); a job or an organisation type ("imam",
    "verpleegkundige ziekenhuis", "Joodse gemeenschap") passes. The broad word list below is
    only for column headers.
    """
    category = label_category(text)
    if category is not None:
        reasons.append(f"{what} '{text}' zegt iets over {CATEGORY_NAMES[category]} van een "
                       "persoon: geloof, afkomst, politieke voorkeur, gezondheid, geaardheid, "
                       "vakbondslidmaatschap en strafrechtelijk verleden worden niet vastgelegd")


def _privacy_words(text: str) -> list[str]:
    return _unique(m.group(0).lower() for m in _PRIVACY_WORDS.finditer(text))


def _date(value: str, column: str, reasons: list[str]) -> date | None:
    value = value.strip()
    if not value:
        return None
    dmy, iso = _DMY.match(value), _ISO.match(value)
    try:
        if dmy:
            return date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        pass
    reasons.append(f"ongeldige datum '{value}' bij {LABELS[column]} (dd-mm-jjjj of jjjj-mm-dd)")
    return None


def _days(value: str, column: str, reasons: list[str]) -> int | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit() and 1 <= int(value) <= MAX_RHYTHM_DAYS:
        return int(value)
    reasons.append(f"ongeldig {LABELS[column]} '{value}' (een aantal dagen, 1 tot "
                   f"{MAX_RHYTHM_DAYS})")
    return None


def _match(plan: PlannedRow, register: _Register) -> None:
    """Same person: the contact the id column names (when its name is alike), or the same name
    (case, accents and punctuation aside) in the same organisation (or both in none).

    A close but different name ("Jan Jansen", "Jan Janssen") is never merged: two people
    could be called so, and a merge would give one the other's phone number. The row becomes
    a new contact and `looks_like` names the other, for the dry run to show.
    """
    assert plan.network is not None
    folded = _fold(plan.name)
    keys = {_fold(o.name) for o in plan.organisations}
    person = _by_id(plan, register, folded)
    if person is None:
        person = next((p for p in register.people if p.folded == folded and (
            p.organisation_keys == keys or p.organisation_keys & keys)), None)
    if person is None:
        _create(plan, register, folded, keys)
        _register_new_organisations(plan, register)
        return
    score = _similarity(folded, person.folded)
    where = _where(person)
    if person.network != plan.network:
        plan.outcome = Outcome.REJECT
        plan.reasons.append(
            f"staat al in {NETWORK_IN[Network(person.network)]} ({where}: "
            f"'{person.name}'); alleen een beheerder verplaatst iemand naar een ander netwerk"
        )
        return
    plan.outcome = Outcome.MATCH
    plan.matched_name = person.name
    plan.match_score = round(score, 1)
    if person.contact is not None:
        plan.matched_contact_id = person.contact.id
        if person.contact.archived_at is not None:
            plan.notes.append("dit contact is gearchiveerd; er is niets aangevuld")
            return
    elif person.row is not None:
        plan.matched_line = person.row.line
    plan.fills = _fill(person, plan)
    _register_new_organisations(plan, register)


def _by_id(plan: PlannedRow, register: _Register, folded: str) -> _Person | None:
    """The register's contact the id column names, when the names are alike; an id from
    another register (or a typo) names someone else, and is then not followed."""
    if plan.contact_id is None:
        return None
    person = next((p for p in register.people
                   if p.contact is not None and p.contact.id == plan.contact_id), None)
    if person is None:
        plan.notes.append(f"id {plan.contact_id} staat niet in het register; op naam vergeleken")
        return None
    if _similarity(folded, person.folded) < MATCH_SCORE:
        plan.notes.append(f"id {plan.contact_id} is '{person.name}', een andere naam; "
                          "niet op id samengevoegd")
        return None
    return person


def _where(person: _Person) -> str:
    return (f"contact #{person.contact.id}" if person.contact is not None
            else f"regel {person.row.line if person.row else '?'}")


def _create(plan: PlannedRow, register: _Register, folded: str, keys: set[str]) -> None:
    assert plan.network is not None
    alike = [(_similarity(folded, p.folded), p) for p in register.people]
    close = [(score, p) for score, p in alike if score >= MATCH_SCORE]
    if close:
        _score, other = max(close, key=lambda pair: pair[0])
        plan.looks_like = f"{_where(other)} '{other.name}'"
        why = ("een andere naam" if other.folded != folded
               else "dezelfde naam bij een andere organisatie")
        plan.notes.append(f"lijkt op {plan.looks_like} ({why}); als nieuw contact toegevoegd, "
                          "niet samengevoegd")
    person = _Person(
        name=plan.name, folded=folded, network=plan.network, organisation_keys=keys, row=plan,
        organisation_ids={o.organisation_id: o.function for o in plan.organisations
                          if o.organisation_id is not None},
        new_organisations={o.new_key for o in plan.organisations if o.new_key is not None},
        area_ids=set(plan.area_ids), values={f: getattr(plan, f) for f in _SCALARS},
        roles=list(plan.roles),
    )
    register.people.append(person)


def _register_new_organisations(plan: PlannedRow, register: _Register) -> None:
    """Organisations this row needs that are not in the register: created once, shared."""
    assert plan.network is not None
    for organisation in plan.organisations:
        key = organisation.new_key
        if key is not None and key not in register.new_organisations:
            org_type = BY_CODE[organisation.type_code]
            register.new_organisations[key] = NewOrganisation(
                key, organisation.name, organisation.type_code,
                org_type.network or plan.network, plan.line)
            register.new_types.setdefault(key[0], organisation.type_code)


def _fill(person: _Person, plan: PlannedRow) -> list[str]:
    """What a matching row adds: blank fields and missing links; nothing is overwritten."""
    filled: list[str] = []
    for name in _SCALARS:
        new, old = getattr(plan, name), person.values.get(name)
        if new is None:
            continue
        if old is None:
            person.values[name] = new
            filled.append(_SCALAR_LABELS[name])
        elif str(new).lower() != str(old).lower():
            plan.notes.append(f"{_SCALAR_LABELS[name]} in het bestand ('{_shown(new)}') wijkt af "
                              f"van het register ('{_shown(old)}'); niet gewijzigd")
    if (person.contact is not None and plan.status is not None
            and plan.status != person.contact.status):
        plan.notes.append(f"status in het bestand ({plan.status}) wijkt af van het register "
                          f"({person.contact.status}); niet gewijzigd")
    known_roles = {r.lower() for r in person.roles}
    for role in plan.roles:
        if role.lower() not in known_roles:
            person.roles.append(role)
            known_roles.add(role.lower())
            filled.append(f"rol {role}")
    for area_id, area_name in zip(plan.area_ids, plan.area_names, strict=True):
        if area_id not in person.area_ids:
            person.area_ids.add(area_id)
            filled.append(f"gebied {area_name}")
    for organisation in plan.organisations:
        if organisation.organisation_id is not None:
            if organisation.organisation_id not in person.organisation_ids:
                person.organisation_ids[organisation.organisation_id] = organisation.function
                filled.append(f"organisatie {organisation.name}")
            elif organisation.function and not person.organisation_ids[
                    organisation.organisation_id]:
                person.organisation_ids[organisation.organisation_id] = organisation.function
                filled.append(f"functie bij {organisation.name}")
        elif organisation.new_key not in person.new_organisations:
            assert organisation.new_key is not None
            person.new_organisations.add(organisation.new_key)
            filled.append(f"organisatie {organisation.name}")
    return filled


def _shown(value: Any) -> str:
    return value.strftime("%d-%m-%Y") if isinstance(value, date) else str(value)


# --------------------------------------------------------------------------------- applying


def apply_import(
    session: Session,
    plan: ImportPlan,
    actor_user_id: int | None,
    now: datetime,
    *,
    progress: Progress | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ImportResult:
    """Write the plan in the caller's transaction: all of it or, on an error, none of it.

    New organisations are created once and shared by every row that names them; areas are
    only linked, never created. Matched contacts get blank fields and missing links filled in.
    """
    organisation_ids: dict[tuple[str, str], int] = {}
    for new in plan.new_organisations:
        organisation = create_organisation(session, name=new.name, type_code=new.type_code,
                                           network=new.network, now=now,
                                           actor_user_id=actor_user_id)
        assert organisation.id is not None
        organisation_ids[new.key] = organisation.id
    created: list[int] = []
    matched: list[int] = []
    by_line: dict[int, int] = {}
    completed = 0
    total = len(plan.rows)
    for done, row in enumerate(plan.rows, 1):
        if row.outcome is Outcome.CREATE:
            contact_id = _apply_create(session, row, organisation_ids, actor_user_id, now)
            created.append(contact_id)
            by_line[row.line] = contact_id
        elif row.outcome is Outcome.MATCH:
            contact_id = (row.matched_contact_id if row.matched_contact_id is not None
                          else by_line[row.matched_line or 0])
            matched.append(contact_id)
            filled = _apply_fill(session, contact_id, row, organisation_ids)
            if filled:
                completed += 1
                audit(session, now, "contact.import_completed", actor_user_id,
                      f"contact:{contact_id}", fields=sorted(set(filled)))
        if progress is not None and (done % progress_every == 0 or done == total):
            progress(done, total)
    audit(session, now, "import.applied", actor_user_id, "contacts",
          created=len(created), matched=len(matched), rejected=len(plan.rejected),
          organisations_created=len(organisation_ids))
    return ImportResult(created, matched, len(organisation_ids), len(plan.rejected), completed)


def _organisation_id(planned: PlannedOrganisation, new: dict[tuple[str, str], int]) -> int:
    if planned.organisation_id is not None:
        return planned.organisation_id
    assert planned.new_key is not None
    return new[planned.new_key]


def _apply_create(session: Session, row: PlannedRow, organisation_ids: dict[tuple[str, str], int],
                  actor_user_id: int | None, now: datetime) -> int:
    assert row.network is not None
    contact = create_contact(
        session, name=row.name, network=row.network, now=now, owner_user_id=actor_user_id,
        area_ids=row.area_ids, roles=row.roles, status=row.status or ContactStatus.ACTIEF,
        agreed_on=row.agreed_on,
        informed_on=row.informed_on, phone=row.phone, email=row.email,
        preferred_channel=row.preferred_channel,
    )
    assert contact.id is not None
    if row.rhythm_ideal_days is not None or row.rhythm_max_days is not None:
        contact.rhythm_ideal_days = row.rhythm_ideal_days
        contact.rhythm_max_days = row.rhythm_max_days
        session.add(contact)
    for planned in row.organisations:
        organisation_id = _organisation_id(planned, organisation_ids)
        if session.get(ContactOrganisation, (contact.id, organisation_id)) is None:
            session.add(ContactOrganisation(contact_id=contact.id,
                                            organisation_id=organisation_id,
                                            function=planned.function))
    session.flush()
    return contact.id


def _apply_fill(session: Session, contact_id: int, row: PlannedRow,
                organisation_ids: dict[tuple[str, str], int]) -> list[str]:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.archived_at is not None:
        return []
    filled: list[str] = []
    for name in _SCALARS:
        value = getattr(row, name)
        if value is not None and getattr(contact, name) is None:
            setattr(contact, name, value)
            filled.append(name)
    known = {r.lower() for r in contact.roles}
    extra = [r for r in row.roles if r.lower() not in known]
    if extra:
        contact.roles = [*contact.roles, *extra]
        filled.append("roles")
    session.add(contact)
    for area_id in row.area_ids:
        if session.get(ContactArea, (contact_id, area_id)) is None:
            session.add(ContactArea(contact_id=contact_id, area_id=area_id))
            filled.append("areas")
    for planned in row.organisations:
        organisation_id = _organisation_id(planned, organisation_ids)
        link = session.get(ContactOrganisation, (contact_id, organisation_id))
        if link is None:
            session.add(ContactOrganisation(contact_id=contact_id,
                                            organisation_id=organisation_id,
                                            function=planned.function))
            filled.append("organisations")
        elif planned.function and not link.function:
            link.function = planned.function
            session.add(link)
            filled.append("function")
    session.flush()
    return filled


# ---------------------------------------------------------------------------------- helpers


def resolve_type(value: str) -> OrgType | None:
    """An organisation type from its code, Dutch or English label, or a word ('moskee')."""
    folded = _fold(value)
    if not folded:
        return None
    for org_type in ORG_TYPES:
        if folded in (_fold(org_type.code), _fold(org_type.label_nl), _fold(org_type.label_en)):
            return org_type
    return type_for_word(value.strip()) or type_for_word(folded) or type_from_name(value)


def type_from_name(name: str) -> OrgType | None:
    """The one specific type an organisation's name points at ('Moskee Al Fath'), if any."""
    folded = f" {_fold(name)} "
    found = [t for t in ORG_TYPES
             if any(f" {_fold(word)} " in folded for word in t.words)]
    specific = [t for t in found if t.code != "overig"]
    if len(specific) == 1:
        return specific[0]
    return found[0] if len(found) == 1 else None


def _type_label(code: str) -> str:
    org_type = BY_CODE.get(code)
    return org_type.label_nl if org_type else code


def _similarity(a: str, b: str) -> float:
    if a == b:
        return 100.0
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def _fold(text: str) -> str:
    """Lower case without accents, words separated by one space: for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def _fold_header(text: str) -> str:
    return _fold(text.removeprefix("\ufeff")).replace(" ", "_")


def _split(value: str) -> list[str]:
    """A list in one cell: `|`-separated, or `,`-separated when there is no `|`."""
    separator = "|" if "|" in value else ","
    return [" ".join(part.split()) for part in value.split(separator) if part.strip()]


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            result.append(item)
    return result
