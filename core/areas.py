"""The municipality's areas (stadsdeel → wijk), seeded with Almere's districts by default."""

from __future__ import annotations

from sqlmodel import Session, select

from storage.models import Area

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
    """Create the configured areas that do not exist yet; returns how many were added."""
    existing = set(session.exec(select(Area.name)).all())
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
