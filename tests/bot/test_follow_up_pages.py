"""/acties pages through every open follow-up: Meer and Vorige, numbered through the list."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.conversation import texts as catalogue
from storage.engine import Database
from storage.models import FollowUp, User
from tests.bot.conftest import Chat
from tests.conftest import REFERENCE_NOW


def open_follow_ups(db: Database, count: int) -> None:
    """`count` follow-ups of the coordinator, "Actie 1" due first."""
    with db.session() as session:
        owner = session.exec(select(User).where(User.external_id == "u1")).one()
        assert owner.id is not None
        for number in range(1, count + 1):
            session.add(FollowUp(title=f"Actie {number}", owner_user_id=owner.id,
                                 due_at=REFERENCE_NOW + timedelta(days=number)))


def titles(text: str) -> list[str]:
    return [line.split(". ", 1)[1].split(" — ")[0] for line in text.splitlines()
            if line[:1].isdigit()]


async def test_twenty_five_follow_ups_are_walked_forward_and_back_ten_at_a_time(
    coordinator: Chat, db: Database
) -> None:
    open_follow_ups(db, 25)

    [first] = await coordinator.say("/acties")
    [second] = await coordinator.press("Meer ▸")
    [third] = await coordinator.press("Meer ▸")
    [back] = await coordinator.press("◂ Vorige")

    assert first.text.splitlines()[0] == "Je open vervolgacties (25):"
    assert titles(first.text) == [f"Actie {n}" for n in range(1, 11)]
    assert first.text.splitlines()[-1] == "Pagina 1 van 3"
    assert first.button_labels()[-1] == "Meer ▸"
    assert "◂ Vorige" not in first.button_labels()

    assert titles(second.text) == [f"Actie {n}" for n in range(11, 21)]
    assert second.text.splitlines()[1].startswith("11. Actie 11 — ")
    assert second.button_labels()[:3] == ["✓ 11 gedaan", "✓ 12 gedaan", "✓ 13 gedaan"]
    assert second.button_labels()[-2:] == ["◂ Vorige", "Meer ▸"]
    assert second.text.splitlines()[-1] == "Pagina 2 van 3"

    assert titles(third.text) == [f"Actie {n}" for n in range(21, 26)]
    assert third.button_labels()[-1] == "◂ Vorige"
    assert "Meer ▸" not in third.button_labels()
    assert third.text.splitlines()[-1] == "Pagina 3 van 3"

    assert back.text == second.text


async def test_gedaan_on_a_later_page_closes_that_follow_up(
    coordinator: Chat, db: Database
) -> None:
    open_follow_ups(db, 25)
    await coordinator.say("/acties")
    await coordinator.press("Meer ▸")

    await coordinator.press("✓ 12 gedaan")

    with db.session() as session:
        done = session.exec(select(FollowUp).where(FollowUp.status == "done")).one()
    assert done.title == "Actie 12"


async def test_a_page_past_the_end_shows_the_last_page_when_follow_ups_were_done_meanwhile(
    coordinator: Chat, db: Database
) -> None:
    open_follow_ups(db, 25)
    await coordinator.say("/acties")
    await coordinator.press("Meer ▸")
    with db.session() as session:
        for row in session.exec(select(FollowUp)).all():
            if row.title not in ("Actie 1", "Actie 2"):
                row.status = "done"
                session.add(row)

    [page] = await coordinator.press("Meer ▸")

    assert titles(page.text) == ["Actie 1", "Actie 2"]
    assert "Pagina" not in page.text
    assert page.button_labels() == ["✓ 1 gedaan", "✓ 2 gedaan"]


async def test_ten_follow_ups_fit_on_one_page_without_paging_buttons(
    coordinator: Chat, db: Database
) -> None:
    open_follow_ups(db, 10)

    [listing] = await coordinator.say("/acties")

    assert len(titles(listing.text)) == 10
    assert "Meer ▸" not in listing.button_labels()
    assert "Pagina" not in listing.text


async def test_the_pages_speak_english_too(coordinator: Chat, db: Database) -> None:
    open_follow_ups(db, 12)
    await coordinator.say("/language en")

    [first] = await coordinator.say("/followups")
    [second] = await coordinator.press(catalogue.text("en", "button_follow_ups_next"))

    assert first.text.splitlines()[-1] == "Page 1 of 2"
    assert second.text.splitlines()[-1] == "Page 2 of 2"
    assert second.button_labels()[-1] == "◂ Previous"
