"""The guard on a visit (design §2.7): what a card shows as left out is not stored anywhere."""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData
from sqlmodel import SQLModel, select

from storage.engine import Database
from storage.models import Contact, FollowUp, Interaction, Network
from tests.bot.conftest import Chat, texts

VISIT = ("Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel. "
         "Hij is moslim en zijn vrouw is depressief. "
         "Zijn neef Jayden (17) dealt op het plein. Volgende week Fatima terugbellen.")
ADULT = ("Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel. "
         "Youssef El Amrani helpt mee met het buurtfeest.")


def every_text(db: Database) -> str:
    """Every row of every table: mapped models loaded (sealed values opened), the rest raw."""
    found: list[str] = []
    with db.session() as session:
        # the update journal included: a handled update keeps its id only (core.journal.take)
        mapped: set[str] = set()
        for mapper in SQLModel._sa_registry.mappers:
            model: Any = mapper.class_
            mapped.add(str(getattr(mapper.local_table, "name", "")))
            for row in session.exec(select(model)).all():
                found += [repr(getattr(row, c.key)) for c in mapper.column_attrs]
        tables = MetaData()
        tables.reflect(session.connection())
        for table in tables.sorted_tables:
            if table.name not in mapped:
                found += [repr(tuple(r)) for r in session.connection().execute(table.select())]
    return "\n".join(found)


async def test_special_category_sentences_and_a_minors_name_are_stored_nowhere(
    coordinator: Chat, db: Database,
) -> None:
    await coordinator.say(VISIT)
    saved = await coordinator.press("Opslaan")

    assert texts(saved).startswith("Opgeslagen.")
    with db.session() as session:
        summary = session.exec(select(Interaction)).one().summary
    assert summary == ("Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel. "
                       "Zijn neef [jongere] (17) dealt op het plein.")
    stored = every_text(db)
    assert "Fatima Bakkali" in stored  # the reading works: the contact's name is there
    for word in ("moslim", "depressief", "Jayden"):
        assert word not in stored


async def test_the_card_shows_the_struck_sentence_and_the_replaced_name(
    coordinator: Chat,
) -> None:
    [card] = await coordinator.say(VISIT)

    assert ("✂️ Deze zin neem ik niet over: Hij is moslim en zijn vrouw is depressief."
            in card.text)
    assert "👤 Naam vervangen: Jayden → [jongere]" in card.text
    assert ("📝 Samenvatting: Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel. "
            "Zijn neef [jongere] (17) dealt op het plein.") in card.text
    assert "🔒 Let op" not in card.text


async def test_a_minor_is_not_offered_as_a_contact(coordinator: Chat) -> None:
    [card] = await coordinator.say(VISIT)

    assert not [label for label in card.button_labels() if "als contact" in label]


async def test_a_minor_met_in_person_is_not_made_a_contact(
    coordinator: Chat, db: Database,
) -> None:
    [card] = await coordinator.say("Vandaag gesproken met Jayden (16) bij het buurthuis.")

    assert "Jayden (" not in card.text.split("📝")[0]
    await coordinator.press("Opslaan")
    with db.session() as session:
        assert session.exec(select(Contact)).all() == []
    assert "Jayden" not in every_text(db)


async def test_a_replaced_adult_can_be_added_as_a_contact_instead(
    coordinator: Chat, db: Database,
) -> None:
    [card] = await coordinator.say(ADULT)

    assert "👤 Naam vervangen: Youssef El Amrani → [persoon]" in card.text
    assert "+ Youssef El Amrani als contact" in card.button_labels()
    [card] = await coordinator.press("+ Youssef El Amrani als contact")
    assert "Youssef El Amrani (nieuw" in card.text
    assert "als contact" not in " ".join(card.button_labels())
    await coordinator.press("Opslaan")
    await coordinator.press("Formeel netwerk")
    with db.session() as session:
        names = {c.display_name: c.network for c in session.exec(select(Contact)).all()}
        summary = session.exec(select(Interaction)).one().summary
    assert names == {"Fatima Bakkali": Network.FORMAL, "Youssef El Amrani": Network.FORMAL}
    assert summary == ("Vandaag gesproken met Fatima Bakkali van buurthuis De Schakel. "
                       "[persoon] helpt mee met het buurtfeest.")


async def test_a_follow_up_title_naming_someone_else_is_stored_without_the_name(
    coordinator: Chat, db: Database,
) -> None:
    await coordinator.say("Gesproken met Fatima Bakkali van buurthuis De Schakel. "
                          "Morgen Youssef El Amrani bellen.")
    await coordinator.press("Opslaan")

    with db.session() as session:
        [follow_up] = session.exec(select(FollowUp)).all()
    assert "Youssef" not in follow_up.title



async def test_a_minor_typed_as_who_on_the_card_is_not_made_a_contact(
    coordinator: Chat, db: Database,
) -> None:
    await coordinator.say(ADULT)
    await coordinator.press("Wijzigen")
    await coordinator.press("Wie")
    [card] = await coordinator.say("Fatima Bakkali, Jayden (16)")

    assert card.text.split("\n")[2] == "👤 Wie: Fatima Bakkali (nieuw contact)"
    await coordinator.press("Opslaan")
    await coordinator.press("Formeel netwerk")
    with db.session() as session:
        assert [c.display_name for c in session.exec(select(Contact)).all()] == ["Fatima Bakkali"]
