"""The municipality's areas (stadsdeel → wijk), seeded with Almere's districts by default."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core.access import audit
from storage.models import Area, ContactArea, Interaction, OrganisationArea

# Almere's stadsdelen with the wijken the coordinator names most; admins edit the list later.
ALMERE: dict[str, tuple[str, ...]] = {
    "Almere Stad": (
        "Stad-Centrum", "Stad-Oost", "Stad-West", "Stedenwijk", "Waterwijk", "Muziekwijk",
        "Filmwijk", "Kruidenwijk", "Parkwijk", "Tussen de Vaarten", "Noorderplassen",
        "Literatuurwijk", "Danswijk", "Verzetswijk", "Staatsliedenwijk", "Stripheldenbuurt",
        "Regenboogbuurt", "Kemphaan",
    ),
    "Almere Haven": ("Haven-Centrum", "De Werven", "De Marken", "De Hoven", "De Wierden"),
    "Almere Buiten": (
        "Buiten-Centrum", "Bloemenbuurt", "Faunabuurt", "Seizoenenbuurt", "Molenbuurt",
        "Eilandenbuurt", "Sieradenbuurt", "Stripheldenbuurt Buiten", "Landgoederenbuurt",
    ),
    "Almere Poort": ("Homeruskwartier", "Columbuskwartier", "Europakwartier", "Olympiakwartier"),
    "Almere Hout": ("Nobelhorst", "Vogelhorst", "Overgooi"),
    "Almere Pampus": (),
    "Oosterwold": (),
}


def seed_areas(session: Session, areas: dict[str, tuple[str, ...]] = ALMERE) -> int:
    """Seed the default areas into an empty register; returns how many were added.

    Only on an empty table: once there are areas, they are the admin's list (`/gebied`), and
    a restart must not bring back an area the admin removed or renamed.
    """
    existing = set(session.exec(select(Area.name)).all())
    if existing:
        return 0
    added = 0
    for district, wijken in areas.items():
        parent = session.exec(select(Area).where(Area.name == district)).first()
        if parent is None:
            parent = Area(name=district, kind="stadsdeel")
            session.add(parent)
            session.flush()
            added += 1
        for wijk in wijken:
            if wijk not in existing:
                session.add(Area(name=wijk, kind="wijk", parent_id=parent.id))
                added += 1
    return added


def all_areas(session: Session) -> list[Area]:
    return list(session.exec(select(Area).order_by(Area.name)).all())


class AreaError(ValueError):
    """An area change that cannot be made; the message says why, in Dutch."""


def find_area(session: Session, name: str) -> Area | None:
    wanted = " ".join(name.split()).lower()
    return next((a for a in all_areas(session) if a.name.lower() == wanted), None)


def add_area(session: Session, name: str, parent_id: int | None, actor_id: int | None,
             now: datetime) -> Area:
    """Add a stadsdeel (no parent) or a wijk under a stadsdeel."""
    clean = " ".join(name.split())
    if not clean or len(clean) > 120:
        raise AreaError("name")
    if find_area(session, clean) is not None:
        raise AreaError("exists")
    parent = session.get(Area, parent_id) if parent_id is not None else None
    if parent_id is not None and (parent is None or parent.kind != "stadsdeel"):
        raise AreaError("parent")
    area = Area(name=clean, kind="wijk" if parent else "stadsdeel", parent_id=parent_id)
    session.add(area)
    session.flush()
    audit(session, now, "area.added", actor_id, f"area:{area.id}")
    return area


def rename_area(session: Session, area: Area, name: str, actor_id: int | None,
                now: datetime) -> None:
    clean = " ".join(name.split())
    if not clean or len(clean) > 120:
        raise AreaError("name")
    other = find_area(session, clean)
    if other is not None and other.id != area.id:
        raise AreaError("exists")
    area.name = clean
    session.add(area)
    audit(session, now, "area.renamed", actor_id, f"area:{area.id}")


def remove_area(session: Session, area: Area, actor_id: int | None, now: datetime) -> None:
    """Remove an area nothing refers to; one in use is renamed or kept, never orphaned."""
    in_use = (
        session.exec(select(Area.id).where(Area.parent_id == area.id)).first()
        or session.exec(select(ContactArea.contact_id).where(ContactArea.area_id == area.id))
        .first()
        or session.exec(select(OrganisationArea.organisation_id)
                        .where(OrganisationArea.area_id == area.id)).first()
        or session.exec(select(Interaction.id).where(Interaction.area_id == area.id)).first()
    )
    if in_use is not None:
        raise AreaError("in_use")
    savepoint = session.begin_nested()
    try:
        session.delete(area)
        session.flush()
    except IntegrityError:  # referred to by a record kept elsewhere (a signal, a picture)
        savepoint.rollback()
        raise AreaError("in_use") from None
    savepoint.commit()
    audit(session, now, "area.removed", actor_id, f"area:{area.id}")
