"""Logging a visit: message → confirmation card → (corrections) → Opslaan.

The draft lives in the dialogue state until Opslaan; every button carries the draft's id, so
a button from an old card, or a second press, never stores anything twice.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select

from bot.conversation import texts
from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.routing import Command, Feature
from core.areas import all_areas
from core.dates import find_when, parse_when
from core.hours import CHOICES, format_duration, read_duration_answer
from core.organisations import BY_CODE
from core.permissions import Capability, visible_networks
from core.reading.channel import read_channel
from core.reading.names import find_names
from core.subject import flag_contact_details, remove_contact_details
from core.understanding import (
    MAX_MESSAGE,
    Known,
    contains_bsn,
    match_area,
    match_organisation,
    match_person,
)
from core.visits import (
    MIDDAY,
    DraftArea,
    DraftFollowUp,
    DraftOrganisation,
    DraftPerson,
    VisitDraft,
    draft_visit,
    due_moment,
    known,
    remind_on,
    save_visit,
    visit_moment,
)
from storage.models import ButtonPayload, Contact, Initiative, InteractionKind, Network

FLOW = "visit"
# New fields go at the end: the console and Matrix number buttons, and users learn the numbers.
FIELDS = ("people", "organisation", "area", "when", "summary", "follow_up", "duration", "kind",
          "shared", "asked")
CLEAR = "-"  # typed as the new "shared" or "asked": there was none
# The answers under "Wanneer?" for a follow-up without a date: each is read by parse_when,
# like the same words typed.
DUE_CHOICES = (("tomorrow", "morgen"), ("day_after", "overmorgen"),
               ("next_week", "volgende week"), ("two_weeks", "over 2 weken"))


def prompt(ctx: Ctx, args: str) -> list[Reply]:
    """`/bezoek` with text logs that text; without, it asks for the message."""
    if args.strip():
        return from_text(ctx, args)
    ctx.set_state(FLOW, "await_text", {})
    return [ctx.reply("visit_prompt", [[ctx.button(ctx.t("gv_button_step_by_step"), "gv.start")]])]


def from_text(ctx: Ctx, text: str) -> list[Reply]:
    """A free-text message: read it as a visit and show the card."""
    if contains_bsn(text):
        return [ctx.reply("bsn_refused")]
    state = ctx.state()
    replies: list[Reply] = []
    if len(text) > MAX_MESSAGE:
        replies.append(ctx.reply("too_long", limit=MAX_MESSAGE))
    awaited = state is not None and state.flow == FLOW and state.step == "await_text"
    about = state.data.get("contact_id") if awaited and state is not None else None
    contact = ctx.session.get(Contact, int(about)) if about is not None else None
    draft = draft_visit(ctx.session, text, ctx.now, visible_networks(ctx.user),
                        keep=[contact.display_name] if contact is not None else ())
    if about is not None:
        _include_contact(ctx, draft, int(about))
    if not _looks_like_visit(draft, text):
        return [*replies, ctx.reply("not_a_visit")]
    flag_contact_details(draft)
    replaced = state is not None and state.flow == FLOW and not awaited
    draft_id = secrets.token_urlsafe(6)
    _store(ctx, draft, draft_id, "card")
    if replaced:
        replies.append(ctx.reply("card_replaced"))
    return [*replies, *_next(ctx, draft, draft_id)]


def start_for_contact(ctx: Ctx, contact_id: int) -> list[Reply]:
    """'Bezoek loggen' on a contact: the next message is a visit with them."""
    contact = ctx.session.get(Contact, contact_id)
    if (contact is None or contact.archived_at is not None
            or contact.network not in visible_networks(ctx.user)):
        return [ctx.reply("stale_button")]
    ctx.set_state(FLOW, "await_text", {"contact_id": contact_id})
    return [ctx.reply("visit_prompt_for", name=contact.display_name)]


def _include_contact(ctx: Ctx, draft: VisitDraft, contact_id: int) -> None:
    if any(p.contact_id == contact_id for p in draft.people):
        return
    contact = ctx.session.get(Contact, contact_id)
    if contact is None:
        return
    # A name read from the text that fuzzily means this contact is this contact.
    full = contact.display_name.lower()
    draft.people = [
        p for p in draft.people
        if contact_id not in p.candidates and not (p.contact_id is None and p.name.lower() in full)
    ]
    draft.people.insert(0, DraftPerson(name=contact.display_name, contact_id=contact_id))


def on_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    """Text while a visit is open: a correction when one was asked for, else a new visit."""
    if step.startswith("due:") and data.get("draft"):
        return _typed_due(ctx, VisitDraft.model_validate(data["draft"]), data["draft_id"],
                          int(step.removeprefix("due:")), text)
    if step.startswith("edit:") and data.get("draft"):
        if contains_bsn(text):
            return [ctx.reply("bsn_refused")]
        draft = VisitDraft.model_validate(data["draft"])
        error = apply_edit(ctx, draft, step.removeprefix("edit:"), text.strip())
        if error is not None:
            return [error]
        draft.guard_texts()
        flag_contact_details(draft)
        _store(ctx, draft, data["draft_id"], "card")
        return _next(ctx, draft, data["draft_id"])
    return from_text(ctx, text)


# --- buttons ---------------------------------------------------------------------------------


def on_save(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_saved")]
    loaded = _load(ctx, payload)
    if loaded is None:
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    return _save_or_ask_network(ctx, draft, draft_id)


def on_due(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """An answer to the card's "Wanneer?": Morgen … Over 2 weken, or Zelf typen."""
    loaded = _load(ctx, payload)
    index, choice = payload.data.get("index"), payload.data.get("choice")
    if loaded is None or not isinstance(index, int):
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    if index >= len(draft.all_follow_ups()):
        return [ctx.reply("draft_gone")]
    if choice == "type":
        _store(ctx, draft, draft_id, f"due:{index}")
        return [ctx.reply("ask_due_typed",
                          title=draft.all_follow_ups()[index].title)]
    phrase = dict(DUE_CHOICES).get(str(choice))
    when = parse_when(phrase, ctx.now, prefer="future") if phrase else None
    if when is None:
        return [ctx.reply("draft_gone")]
    draft.set_due(index, due_moment(when, ctx.tz), when.grain)
    _store(ctx, draft, draft_id, "card")
    return _next(ctx, draft, draft_id)


def _typed_due(ctx: Ctx, draft: VisitDraft, draft_id: str, index: int,
               text: str) -> list[Reply]:
    """A typed answer to "Wanneer?"; what cannot be read is said, and the question stays."""
    if index >= len(draft.all_follow_ups()):
        return from_text(ctx, text)
    when = parse_when(text, ctx.now, prefer="future")
    if when is None:
        return [card(ctx, draft, draft_id).prefixed(ctx.t("due_not_understood"))]
    due = due_moment(when, ctx.tz)
    if due.date() < ctx.now.date():
        return [card(ctx, draft, draft_id).prefixed(ctx.t("due_in_past"))]
    draft.set_due(index, due, when.grain)
    _store(ctx, draft, draft_id, "card")
    return _next(ctx, draft, draft_id)


def on_edit(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    loaded = _load(ctx, payload)
    if loaded is None:
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    rows = [
        [ctx.button(ctx.t(f"field_{f}"), "visit.field", draft=draft_id, field=f) for f in pair]
        for pair in (FIELDS[i : i + 2] for i in range(0, len(FIELDS), 2))
    ]
    who = ctx.t(f"initiative_{draft.initiated_by}")
    rows.append([ctx.button(ctx.t("button_initiative", who=who), "visit.initiative",
                            draft=draft_id)])
    rows.append([ctx.button(ctx.t("button_back"), "visit.back", draft=draft_id)])
    return [ctx.reply("edit_menu", rows)]


def on_initiative(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Wij ⇄ Zij: one tap turns whose initiative it was, and shows the card again."""
    loaded = _load(ctx, payload)
    if loaded is None:
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    draft.initiated_by = (Initiative.THEM if draft.initiated_by == Initiative.US
                          else Initiative.US).value
    _store(ctx, draft, draft_id, "card")
    return [card(ctx, draft, draft_id)]


def on_back(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    loaded = _load(ctx, payload)
    if loaded is None:
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    _store(ctx, draft, draft_id, "card")
    return [card(ctx, draft, draft_id)]


def on_cancel(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload) or _load(ctx, payload) is None:
        return [ctx.reply("draft_gone")]
    ctx.clear_state()
    return [ctx.reply("visit_cancelled")]


def on_field(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    loaded = _load(ctx, payload)
    field = str(payload.data.get("field"))
    if loaded is None or field not in FIELDS:
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    _store(ctx, draft, draft_id, f"edit:{field}")
    quick: list[list[Button]] = []
    if field == "when":
        quick = [[
            ctx.button(ctx.t("button_today"), "visit.quick", draft=draft_id, field=field, days=0),
            ctx.button(ctx.t("button_yesterday"), "visit.quick", draft=draft_id, field=field,
                       days=-1),
        ]]
    elif field == "follow_up":
        quick = [
            [ctx.button(ctx.t(key), "visit.quick", draft=draft_id, field=field, days=days)
             for key, days in (("button_tomorrow", 1), ("button_next_week", 7),
                               ("button_two_weeks", 14))],
            [ctx.button(ctx.t("button_no_follow_up"), "visit.quick", draft=draft_id,
                        field=field, days=None)],
        ]
    elif field == "area":
        districts = [a for a in all_areas(ctx.session) if a.kind == "stadsdeel"]
        buttons = [ctx.button(a.name, "visit.quick", draft=draft_id, field=field, area=a.id)
                   for a in districts]
        quick = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    elif field == "people":
        quick = [[ctx.button(ctx.t("button_remove"), "visit.quick", draft=draft_id,
                             field=field, days=None)]]
    elif field == "duration":
        quick = duration_rows(ctx, "visit.quick", draft=draft_id, field=field)
    elif field == "kind":
        kinds = [ctx.button(_capital(ctx.t(f"reg_kind_{k.value}")), "visit.quick", draft=draft_id,
                            field=field, kind=k.value) for k in InteractionKind]
        quick = [kinds[i : i + 3] for i in range(0, len(kinds), 3)]
    return [ctx.reply(f"ask_{field}", quick)]


def duration_rows(ctx: Ctx, action: str, **data: Any) -> list[list[Button]]:
    """15 min … 2 uur, Anders…, Geen duur: each button carries `minutes` (None: clear it,
    "other": ask to type it)."""
    choices = [ctx.button(ctx.t(f"dur_button_{m}"), action, minutes=m, **data) for m in CHOICES]
    return [choices[0:3], choices[3:6],
            [ctx.button(ctx.t("dur_button_other"), action, minutes="other", **data),
             ctx.button(ctx.t("dur_button_none"), action, minutes=None, **data)]]


def on_quick(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """A one-tap correction offered under a question (Gisteren, Over een week, a district…)."""
    loaded = _load(ctx, payload)
    if loaded is None:
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    field, days = payload.data.get("field"), payload.data.get("days")
    if field == "when" and isinstance(days, int):
        day = (ctx.now + timedelta(days=days)).date()
        draft.occurred_at = datetime.combine(day, MIDDAY, tzinfo=ctx.tz)
        draft.occurred_grain = "day"
    elif field == "follow_up":
        if days is None:
            draft.follow_up, draft.more_follow_ups = None, []
        else:
            title = draft.follow_up.title if draft.follow_up else ctx.t("follow_up_default_title")
            due = remind_on((ctx.now + timedelta(days=int(days))).date(), ctx.tz)
            draft.follow_up = DraftFollowUp(title=title, due_at=due, grain="day")
    elif field == "area" and payload.data.get("area") is not None:
        area = next((a for a in all_areas(ctx.session) if a.id == payload.data["area"]), None)
        draft.area = DraftArea(name=area.name, area_id=area.id) if area else None
    elif field == "people":
        draft.people = []
    elif field == "kind" and payload.data.get("kind") in set(InteractionKind):
        draft.kind = str(payload.data["kind"])
    elif field == "duration":
        minutes = payload.data.get("minutes")
        if minutes == "other":  # the question stays open for a typed duration
            _store(ctx, draft, draft_id, "edit:duration")
            return [ctx.reply("ask_duration_other")]
        draft.duration_minutes = minutes if isinstance(minutes, int) else None
    _store(ctx, draft, draft_id, "card")
    return _next(ctx, draft, draft_id)


def on_details(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Contact details in the text: take them out, or keep them because the writer says so."""
    loaded = _load(ctx, payload)
    if loaded is None:
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    if payload.data.get("keep"):
        draft.keep_contact_details = True
    else:
        remove_contact_details(draft)
    _store(ctx, draft, draft_id, "card")
    return [card(ctx, draft, draft_id)]


def on_person(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """The answer to "which Fatima do you mean?"."""
    loaded = _load(ctx, payload)
    index = payload.data.get("index")
    if loaded is None or not isinstance(index, int) or index >= len(loaded[0].people):
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    person = draft.people[index]
    contact_id = payload.data.get("contact")
    contact = ctx.session.get(Contact, contact_id) if contact_id is not None else None
    if contact is not None:
        person.contact_id, person.name, person.network = contact.id, contact.display_name, None
    person.candidates = []
    _store(ctx, draft, draft_id, "card")
    return _next(ctx, draft, draft_id)


def on_network(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Formal or informal, asked once for a new contact just before it is stored."""
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    loaded = _load(ctx, payload)
    index, network = payload.data.get("index"), payload.data.get("network")
    if loaded is None or not isinstance(index, int) or index >= len(loaded[0].people):
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    draft.people[index].network = Network(str(network))
    return _save_or_ask_network(ctx, draft, draft_id)


# --- helpers ---------------------------------------------------------------------------------


def _looks_like_visit(draft: VisitDraft, text: str) -> bool:
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return bool(draft.people or draft.organisation or draft.follow_up) or len(words) >= 4


def _store(ctx: Ctx, draft: VisitDraft, draft_id: str, step: str) -> None:
    ctx.set_state(FLOW, step, {"draft": draft.model_dump(mode="json"), "draft_id": draft_id})


def _load(ctx: Ctx, payload: ButtonPayload) -> tuple[VisitDraft, str] | None:
    """The open draft a button belongs to, or None when it was saved, cancelled or replaced."""
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return None
    return VisitDraft.model_validate(data["draft"]), str(data["draft_id"])


def _next(ctx: Ctx, draft: VisitDraft, draft_id: str) -> list[Reply]:
    """Ask about the first ambiguous name, or show the card when everything is clear."""
    for index, person in enumerate(draft.people):
        if person.contact_id is None and person.candidates:
            rows = []
            found = {c.id: c for c in ctx.session.exec(
                select(Contact).where(col(Contact.id).in_(person.candidates)))}
            for contact_id in person.candidates:  # in the reader's order of likelihood
                contact = found.get(contact_id)
                if contact is not None:
                    rows.append([ctx.button(contact.display_name, "visit.person",
                                            draft=draft_id, index=index, contact=contact_id)])
            rows.append([ctx.button(ctx.t("button_new_contact", name=person.name),
                                    "visit.person", draft=draft_id, index=index, contact=None)])
            return [ctx.reply("choose_person", rows, name=person.name)]
    return [card(ctx, draft, draft_id)]


def _save_or_ask_network(ctx: Ctx, draft: VisitDraft, draft_id: str) -> list[Reply]:
    if draft.undated_follow_up() is not None:  # an Opslaan from before a date was asked
        _store(ctx, draft, draft_id, "card")
        return [card(ctx, draft, draft_id).prefixed(ctx.t("due_first"))]
    for index, person in enumerate(draft.people):
        if person.contact_id is None and person.network is None:
            _store(ctx, draft, draft_id, "network")
            rows = [[
                ctx.button(ctx.t("button_formal"), "visit.network", draft=draft_id, index=index,
                           network=Network.FORMAL),
                ctx.button(ctx.t("button_informal"), "visit.network", draft=draft_id,
                           index=index, network=Network.INFORMAL),
            ]]
            return [ctx.reply("choose_network", rows, name=person.name)]
    if draft.contact_details and not draft.keep_contact_details:
        _store(ctx, draft, draft_id, "card")
        return [card(ctx, draft, draft_id).prefixed(ctx.t("contact_details_undecided"))]
    save_visit(ctx.session, draft, ctx.user, ctx.now)
    ctx.clear_state()
    if draft.follow_up is None or draft.follow_up.due_at is None:
        return [ctx.reply("saved")]
    return [ctx.reply("saved_with_follow_up", title=draft.follow_up.title,
                      when=ctx.when(draft.follow_up.due_at, draft.follow_up.grain))]


def card(ctx: Ctx, draft: VisitDraft, draft_id: str) -> Reply:
    """The confirmation card: everything read from the message, with Opslaan/Wijzigen/Annuleren."""
    lines = [ctx.t("card_title"), ""]
    if draft.people:
        lines.append(ctx.t("card_who", value=", ".join(_person(ctx, p) for p in draft.people)))
    else:
        lines.append(ctx.t("card_who_none"))
    if draft.organisation is not None:
        lines.append(ctx.t("card_organisation", value=_organisation(ctx, draft.organisation)))
    if draft.area is not None:
        value = draft.area.name if draft.area.area_id else ctx.t("card_new_area",
                                                                   name=draft.area.name)
        lines.append(ctx.t("card_area", value=value))
    lines.append(ctx.t("card_when", value=ctx.when(draft.occurred_at, draft.occurred_grain)))
    mood = ctx.t("gv_card_mood", mood=ctx.t(f"reg_mood_{draft.mood}")) if draft.mood else ""
    lines.append(ctx.t("gv_card_kind", kind=_kind_label(ctx, draft.kind),
                       initiative=ctx.t(f"reg_by_{draft.initiated_by}"), mood=mood))
    if draft.duration_minutes is not None:
        lines.append(ctx.t("card_duration", value=format_duration(draft.duration_minutes,
                                                                   ctx.lang)))
    if draft.summary:
        lines.append(ctx.t("card_summary", value=draft.summary))
    if draft.shared:
        lines.append(ctx.t("gv_card_shared", value=draft.shared))
    if draft.asked:
        lines.append(ctx.t("gv_card_asked", value=draft.asked))
    if draft.follow_up is None:
        lines.append(ctx.t("card_no_follow_up"))
    for follow_up in draft.all_follow_ups():
        if follow_up.due_at is None:
            lines.append(ctx.t("card_follow_up_undated", title=follow_up.title))
        else:
            lines.append(ctx.t("card_follow_up", title=follow_up.title,
                               when=ctx.when(follow_up.due_at, follow_up.grain)))
    if draft.signal_words:
        lines += ["", ctx.t("card_signal", words=", ".join(draft.signal_words))]
    if draft.struck or draft.replaced:
        lines += ["", *guard_lines(ctx, draft)]
    # A replaced adult's name can become a contact on the card instead; a minor's never.
    add_rows = [[ctx.button(ctx.t("button_add_replaced", name=r.name), "visit.add_person",
                            draft=draft_id, index=i)]
                for i, r in enumerate(draft.replaced) if not r.minor]
    undated = draft.undated_follow_up()
    if undated is None:
        buttons = [*add_rows, ctx.confirm_row("visit", draft_id)]
    else:  # no Opslaan until the date is answered: the question is the next thing to do
        lines += ["", ctx.t("ask_due", title=draft.all_follow_ups()[undated].title)]
        buttons = [*due_rows(ctx, draft_id, undated), *add_rows,
                   [ctx.button(ctx.t(f"button_{what}"), f"visit.{what}", draft=draft_id)
                    for what in ("edit", "cancel")]]
    if draft.contact_details and draft.keep_contact_details:
        lines += ["", ctx.t("card_contact_details_kept")]
    elif draft.contact_details:
        lines += ["", ctx.t("card_contact_details", details=", ".join(draft.contact_details))]
        buttons.insert(0, [
            ctx.button(ctx.t("button_remove_details"), "visit.details", draft=draft_id,
                       keep=False),
            ctx.button(ctx.t("button_keep_details"), "visit.details", draft=draft_id, keep=True),
        ])
    if draft.signal_words:  # the signal flow (flows/signals.py) prefills from this draft
        buttons.append([ctx.button(ctx.t("sig_button_from_visit"), "signal.from_visit",
                                   draft=draft_id)])
    return Reply("\n".join(lines), tuple(tuple(row) for row in buttons), protect=True)


def due_rows(ctx: Ctx, draft_id: str, index: int) -> list[list[Button]]:
    """Morgen, Overmorgen / Volgende week, Over 2 weken / Zelf typen."""
    choices = [ctx.button(ctx.t(f"button_due_{key}"), "visit.due", draft=draft_id,
                          index=index, choice=key) for key, _ in DUE_CHOICES]
    return [choices[0:2], choices[2:4],
            [ctx.button(ctx.t("button_due_type"), "visit.due", draft=draft_id, index=index,
                        choice="type")]]


def guard_lines(ctx: Ctx, draft: VisitDraft) -> list[str]:
    """What the guard left out of the card's texts (core.reading.redact), visibly."""
    lines = [ctx.t("card_struck", sentence=s) for s in draft.struck]
    lines += [ctx.t("card_name_replaced", name=r.name, word=r.word) for r in draft.replaced]
    return [*lines, ctx.t("card_guard_note")]


def on_add_person(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """A replaced adult's name becomes a contact on the card instead of a name in the text."""
    loaded = _load(ctx, payload)
    index = payload.data.get("index")
    if loaded is None or not isinstance(index, int):
        return [ctx.reply("draft_gone")]
    draft, draft_id = loaded
    if not draft.add_replaced_person(index):
        return [ctx.reply("stale_button")]
    _store(ctx, draft, draft_id, "card")
    return _next(ctx, draft, draft_id)


def _person(ctx: Ctx, person: DraftPerson) -> str:
    if person.contact_id is not None:
        return person.name
    if person.network is not None:
        return ctx.t("card_new_contact_network", name=person.name,
                     network=ctx.t(f"network_{person.network}"))
    return ctx.t("card_new_contact", name=person.name)


def _kind_label(ctx: Ctx, kind: str) -> str:
    return ctx.t(f"reg_kind_{kind}") if kind in set(InteractionKind) else kind


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


def _typed_kind(text: str) -> str | None:
    """A kind typed as its label ("telefoon", "phone call") or as a word for it ("gebeld")."""
    wanted = text.strip().lower()
    labels = {kind.value: {kind.value, *(texts.text(lang, f"reg_kind_{kind.value}").lower()
                                         for lang in texts.LANGUAGES)}
              for kind in InteractionKind}
    exact = [kind for kind, said in labels.items() if wanted in said]
    started = [kind for kind, said in labels.items()
               if len(wanted) >= 3 and any(label.startswith(wanted) for label in said)]
    if exact or len(started) == 1:
        return (exact or started)[0]
    return read_channel(text).kind


def _organisation(ctx: Ctx, org: DraftOrganisation) -> str:
    if org.organisation_id is not None:
        return org.name
    org_type = BY_CODE.get(org.type_code or "overig", BY_CODE["overig"])
    label = org_type.label_nl if ctx.lang == "nl" else org_type.label_en
    return ctx.t("card_new_organisation", name=org.name, type=label)


def apply_edit(ctx: Ctx, draft: VisitDraft, field: str, text: str) -> Reply | None:
    """Apply a typed correction; a Reply means the text could not be used (and why)."""
    register: Known = known(ctx.session, visible_networks(ctx.user))
    if field == "summary":
        draft.summary = text
    elif field in ("shared", "asked"):
        setattr(draft, field, "" if text == CLEAR else text)
    elif field == "kind":
        kind = _typed_kind(text)
        if kind is None:
            return ctx.reply("kind_not_understood")
        draft.kind = kind
    elif field == "duration":
        minutes = read_duration_answer(text)
        if minutes is None:
            return ctx.reply("duration_not_understood")
        draft.duration_minutes = minutes
    elif field == "people":
        # core.understanding's matcher: "mark", "imam yusuf", "mw. bakkali" are the contacts
        names = [n.strip() for n in re.split(r",|\s+en\s+", text) if n.strip()]
        # A name with an age under 18 beside it is a minor's: never a contact (design §2.7).
        names = [n for n in names if not any(m.minor for m in find_names(n))]
        draft.people = []
        for name in names:
            mention = match_person(name, register)
            draft.people.append(DraftPerson(name=mention.text, contact_id=mention.contact_id,
                                            candidates=mention.candidates))
            if mention.contact_id:
                contact = ctx.session.get(Contact, mention.contact_id)
                if contact is not None:
                    draft.people[-1].name = contact.display_name
    elif field == "organisation":
        org = match_organisation(text, register)  # "el feth" is the existing Al Fath
        draft.organisation = DraftOrganisation(name=org.name, type_code=org.type_code,
                                               organisation_id=org.organisation_id)
    elif field == "area":
        area = match_area(text, register)  # "stad west" is the existing Stad-West
        draft.area = DraftArea(name=area.name, area_id=area.area_id)
    elif field == "when":
        when = parse_when(text, ctx.now, prefer="past")
        if when is None:
            return ctx.reply("date_not_understood")
        moment = visit_moment(when, ctx.tz)
        if moment.date() > ctx.now.date():
            return ctx.reply("date_in_future")
        draft.occurred_at, draft.occurred_grain = moment, when.grain
    elif field == "follow_up":
        found = find_when(text, ctx.now, prefer="future")
        title = text
        if found is not None:
            title = (text[: found.span[0]] + text[found.span[1]:]).strip(" ,.;:-")
        if not title and draft.follow_up is not None:  # only a date typed: the same action
            title = draft.follow_up.title
        title = title[:1].upper() + title[1:] if title else ctx.t("follow_up_default_title")
        if found is None:  # no date in it: the card asks "Wanneer?"
            draft.follow_up = DraftFollowUp(title=title)
        else:
            due = due_moment(found.when, ctx.tz)
            if due.date() < ctx.now.date():
                return ctx.reply("follow_up_in_past")
            draft.follow_up = DraftFollowUp(title=title, due_at=due, grain=found.when.grain)
    return None


FEATURE = Feature(
    commands=(Command(("bezoek", "visit"), Capability.LOG_VISIT, prompt, "cmd_bezoek"),),
    buttons={
        "visit.save": (Capability.LOG_VISIT, on_save),
        "visit.edit": (Capability.LOG_VISIT, on_edit),
        "visit.back": (Capability.LOG_VISIT, on_back),
        "visit.cancel": (Capability.LOG_VISIT, on_cancel),
        "visit.field": (Capability.LOG_VISIT, on_field),
        "visit.quick": (Capability.LOG_VISIT, on_quick),
        "visit.due": (Capability.LOG_VISIT, on_due),
        "visit.person": (Capability.LOG_VISIT, on_person),
        "visit.network": (Capability.LOG_VISIT, on_network),
        "visit.add_person": (Capability.LOG_VISIT, on_add_person),
        "visit.details": (Capability.LOG_VISIT, on_details),
        "visit.initiative": (Capability.LOG_VISIT, on_initiative),
    },
    text_flows={FLOW: on_text},
)
