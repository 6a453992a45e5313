"""The coverage view (`/witte-vlekken`): where the municipality's own network is thin.

Per stadsdeel × organisation type: how many ACTIVE formal and informal contacts the
municipality has there (a wijk counts with its stadsdeel), and when the last contact was. A
cell with none or only one contact is thin and flagged. Religious organisations are counted
per kind of gebedshuis (moskee, kerk, synagoge, tempel, gurdwara, …: memo task M3, every
community). Only the municipality's own contacts are counted, never relations between
community members, and no names are shown.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, col, select

from core.contacts import last_contact
from core.organisations import BY_CODE, ORG_TYPES
from core.reports import active_contacts, districts, long_date, top_areas
from storage.models import ContactArea, ContactOrganisation, Network, Organisation

THIN = 1  # a cell with this many contacts or fewer is flagged
NO_TYPE = "zonder-organisatie"  # a contact not linked to any organisation
NO_AREA = "zonder gebied"
RELIGIOUS = tuple(t.code for t in ORG_TYPES if t.code.startswith("gebedshuis-"))


@dataclass
class Cell:
    formal: int = 0
    informal: int = 0
    last: date | None = None

    @property
    def total(self) -> int:
        return self.formal + self.informal

    @property
    def thin(self) -> bool:
        return self.total <= THIN


@dataclass
class Coverage:
    made_on: date
    areas: list[str]
    types: list[str]  # organisation type codes, in the controlled list's order
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)

    def cell(self, area: str, org_type: str) -> Cell:
        return self.cells.get((area, org_type), Cell())

    def area_total(self, area: str) -> Cell:
        return _sum(self.cell(area, t) for t in self.types)

    def type_total(self, org_type: str) -> Cell:
        return _sum(self.cell(a, org_type) for a in self.areas)

    def thin_cells(self) -> list[tuple[str, str]]:
        return [(a, t) for a in self.areas for t in self.types if self.cell(a, t).thin]


def _sum(cells: Iterable[Cell]) -> Cell:
    total = Cell()
    for cell in cells:
        total.formal += cell.formal
        total.informal += cell.informal
        if cell.last is not None and (total.last is None or cell.last > total.last):
            total.last = cell.last
    return total


def coverage(session: Session, now: datetime) -> Coverage:
    """Count each active contact once per (stadsdeel, organisation type) it belongs to."""
    tops = top_areas(session)
    contacts = active_contacts(session)
    ids = [c.id for c in contacts if c.id is not None]
    areas: dict[int, set[str]] = {}
    for contact_id, area_id in session.exec(
        select(ContactArea.contact_id, ContactArea.area_id)
        .where(col(ContactArea.contact_id).in_(ids))
    ).all():
        areas.setdefault(contact_id, set()).add(tops.get(area_id, NO_AREA))
    types: dict[int, set[str]] = {}
    for contact_id, org_type in session.exec(
        select(ContactOrganisation.contact_id, Organisation.type)
        .join(Organisation, col(Organisation.id) == col(ContactOrganisation.organisation_id))
        .where(col(ContactOrganisation.contact_id).in_(ids))
    ).all():
        types.setdefault(contact_id, set()).add(org_type if org_type in BY_CODE else "overig")
    last = last_contact(session, ids)

    result = Coverage(made_on=now.date(), areas=districts(session),
                      types=[t.code for t in ORG_TYPES] + [NO_TYPE])
    for contact in contacts:
        assert contact.id is not None
        seen = last.get(contact.id)
        for area in areas.get(contact.id, {NO_AREA}):
            if area not in result.areas:
                result.areas.append(area)
            for org_type in types.get(contact.id, {NO_TYPE}):
                cell = result.cells.setdefault((area, org_type), Cell())
                if contact.network == Network.INFORMAL:
                    cell.informal += 1
                else:
                    cell.formal += 1
                day = seen.astimezone(now.tzinfo).date() if seen is not None else None
                if day is not None and (cell.last is None or day > cell.last):
                    cell.last = day
    return result


# --- words -------------------------------------------------------------------------------------

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Witte vlekken: actieve contacten per stadsdeel en type organisatie",
        "note": "F = formeel, I = informeel (apart geteld). Rood: geen contact; oranje: "
                "één contact. Alleen eigen contacten van de gemeente, zonder namen. Stand {date}.",
        "no_type": "zonder organisatie",
        "total": "totaal stadsdeel",
        "last": "laatste contact",
    },
    "en": {
        "title": "Blank spots: active contacts per district and organisation type",
        "note": "F = formal, I = informal (counted apart). Red: no contact; orange: one "
                "contact. Only the municipality's own contacts, no names. As of {date}.",
        "no_type": "no organisation",
        "total": "district total",
        "last": "last contact",
    },
}


def type_label(code: str, lang: str) -> str:
    if code == NO_TYPE:
        return WORDS.get(lang, WORDS["nl"])["no_type"]
    org_type = BY_CODE[code]
    return org_type.label_en if lang == "en" else org_type.label_nl


def _colour(cell: Cell) -> str:
    if cell.total == 0:
        return "#f4b6b6"
    if cell.total == 1:
        return "#ffd8a8"
    return "#c8e6c9"


def _cell_text(cell: Cell) -> str:
    return f"F{cell.formal} · I{cell.informal}" if cell.total else "–"


def render_png(cov: Coverage, lang: str = "nl") -> bytes:
    """A heatmap-style table: types down, stadsdelen across; thin cells red or orange."""
    words = WORDS.get(lang, WORDS["nl"])
    rows = cov.types
    from matplotlib.figure import Figure  # loaded only when the picture is drawn

    figure = Figure(figsize=(2.2 + 1.25 * len(cov.areas), 1.2 + 0.26 * (len(rows) + 2)))
    axes = figure.add_axes((0.0, 0.0, 1.0, 0.86))
    axes.axis("off")
    text = [[_cell_text(cov.cell(a, t)) for a in cov.areas] for t in rows]
    colours = [[_colour(cov.cell(a, t)) for a in cov.areas] for t in rows]
    totals = [cov.area_total(a) for a in cov.areas]
    text.append([_cell_text(c) for c in totals])
    colours.append([_colour(c) for c in totals])
    text.append([f"{c.last.day}-{c.last.month}-{c.last.year}" if c.last else "–"
                 for c in totals])
    colours.append(["white"] * len(cov.areas))
    short = [a.removeprefix("Almere ") for a in cov.areas]
    table = axes.table(cellText=text, cellColours=colours, colLabels=short,
                       rowLabels=[*(type_label(t, lang) for t in rows), words["total"],
                                  words["last"]], loc="upper right",
                       cellLoc="center", colWidths=[0.9 / (len(cov.areas) + 2)] * len(cov.areas))
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    table.scale(1, 1.3)
    for code_index, code in enumerate([*rows, "total", "last"], start=1):
        if code in RELIGIOUS or code in ("total", "last"):
            table[code_index, -1].set_text_props(weight="bold")
    figure.text(0.01, 0.97, words["title"], fontsize=11, weight="bold", va="top")
    figure.text(0.01, 0.935, words["note"].format(date=long_date(cov.made_on, lang)),
                fontsize=7, color="#444444", va="top")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()
