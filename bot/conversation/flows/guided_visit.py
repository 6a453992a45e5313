"""Logging a visit step by step (/stapsgewijs), for those who prefer buttons to one message.

Who → type → when → who took the initiative → mood → summary → what we shared → what they
asked → follow-up, then the same confirmation card as the free-text flow, with Opslaan. Each
step offers buttons; a typed answer that cannot be used is explained and the step is asked
again. The draft (a `VisitDraft`, as in the free-text flow) lives in the dialogue state until
Opslaan; every button carries the draft's id, so an old button or a second press stores
nothing twice. A button pressed out of order fills its step and the flow goes on with the
first step still open, so nothing the user answered is lost.

`VisitDraft` cannot hold the initiative, the mood, what we shared and what they asked yet
(reported); this flow keeps them beside the draft and writes them onto the stored interaction
right after `save_visit`. Once the draft has them, pass them in the draft instead (marked
below) and the card's buttons can be the free-text flow's own.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from bot.conversation import texts
from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.flows import register, visit
from bot.conversation.routing import Command, Feature
from core.contacts import active_contacts, areas_of, find_contacts, last_contact, organisations_of
from core.dates import find_when
from core.permissions import Capability
from core.understanding import MAX_MESSAGE, Known, contains_bsn, read_visit
from core.visits import (
    MIDDAY,
    DraftArea,
    DraftFollowUp,
    DraftOrganisation,
    DraftPerson,
    VisitDraft,
    remind_on,
    save_visit,
)
from storage.models import ButtonPayload, Contact, Initiative, InteractionKind, Mood, Network

FLOW = "guided"
STEPS = ("who", "kind", "when", "initiative", "mood", "summary", "shared", "asked", "follow_up")
RECENT = 6  # recent contacts offered as buttons
FOLLOW_UPS = (("button_tomorrow", 1), ("button_next_week", 7), ("button_two_weeks", 14))
_SKIP_WORDS = {"overslaan", "skip", "geen", "nee", "niets", "niks", "none", "no", "nothing", "-"}


def start(ctx: Ctx, args: str) -> list[Reply]:
    """`/stapsgewijs [naam]`: a new step-by-step visit, starting with who it was with."""
    data: dict[str, Any] = {
        "draft_id": secrets.token_urlsafe(6),
        "draft": VisitDraft(occurred_at=_day(ctx, 0)).model_dump(mode="json"),
        # Not in VisitDraft yet (reported): initiated_by, mood, shared, asked.
        "extra": {"initiated_by": Initiative.US.value, "mood": None, "shared": "", "asked": ""},
        "done": [],
        "carded": False,
    }
    name = " ".join(args.split())
    if name and not contains_bsn(name):  # with a BSN the name is asked for again
        return _person_typed(ctx, data, name)
    return _ask(ctx, data, "who")


# --- the questions ---------------------------------------------------------------------------


def _ask(ctx: Ctx, data: dict[str, Any], step: str, error: str | None = None) -> list[Reply]:
    """Ask one step with its buttons (and why the last answer could not be used)."""
    ctx.set_state(FLOW, step, data)
    draft, draft_id = _draft(data), data["draft_id"]
    rows: list[list[Button]] = []
    values: dict[str, Any] = {}
    key = f"gv_ask_{step}"

    def button(label: str, action: str, **more: Any) -> Button:
        return ctx.button(label, action, draft=draft_id, **more)

    if step == "who":
        chosen = {p.contact_id for p in draft.people if p.contact_id is not None}
        if draft.people:
            key = "gv_ask_who_more"
            values["names"] = ", ".join(p.name for p in draft.people)
            rows.append([button(ctx.t("gv_button_continue"), "gv.next", step="who")])
        rows += _grid([button(c.display_name, "gv.person", contact=c.id)
                       for c in _recent(ctx, chosen)], 2)
    elif step == "kind":
        rows = _grid([button(register.capital(register.kind_label(ctx, k)), "gv.kind", kind=k.value)
                      for k in InteractionKind], 3)
    elif step == "when":
        rows = [[button(ctx.t("button_today"), "gv.when", days=0),
                 button(ctx.t("button_yesterday"), "gv.when", days=-1)]]
    elif step == "initiative":
        rows = [[button(ctx.t(f"gv_button_{i}"), "gv.initiative", who=i.value)
                 for i in Initiative]]
    elif step == "mood":
        moods = [button(register.capital(register.mood_label(ctx, m)), "gv.mood", mood=m.value)
                 for m in Mood]
        rows = [*_grid(moods, 2),
                [button(ctx.t("reg_button_skip"), "gv.mood", mood=None)]]
    elif step in ("shared", "asked"):
        rows = [[button(ctx.t("reg_button_skip"), "gv.skip", step=step)]]
    elif step == "follow_up":
        rows = [[button(ctx.t(k), "gv.follow", days=d) for k, d in FOLLOW_UPS],
                [button(ctx.t("button_no_follow_up"), "gv.follow", days=None)]]
    elif step == "network":
        key, values["name"] = "choose_network", data.get("pending", "")
        rows = [[button(ctx.t(f"button_{n}"), "gv.network", network=n)
                 for n in (Network.FORMAL, Network.INFORMAL)]]
    text = ctx.t(key, **values)
    if step in STEPS and not data.get("carded"):
        text = ctx.t("gv_progress", step=STEPS.index(step) + 1, total=len(STEPS)) + "\n" + text
    if error:
        text = f"{error}\n\n{text}"
    return [Reply(text, tuple(tuple(r) for r in rows), protect=step in ("who", "network"))]


def _continue(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    """The first step still open, or the card when every step has an answer."""
    for step in STEPS:
        if step not in data["done"]:
            return _ask(ctx, data, step)
    return [_card(ctx, data)]


def _answered(ctx: Ctx, data: dict[str, Any], step: str, draft: VisitDraft | None = None
              ) -> list[Reply]:
    if draft is not None:
        data["draft"] = draft.model_dump(mode="json")
    if step not in data["done"]:
        data["done"] = [*data["done"], step]
    return _continue(ctx, data)


# --- typed answers ---------------------------------------------------------------------------


def on_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    text = text.strip()[:MAX_MESSAGE]
    if contains_bsn(text):
        return [ctx.reply("bsn_refused"), *(_ask(ctx, data, step) if step in _ASKABLE else [])]
    draft, word = _draft(data), text.lower().strip(" .!")
    if step == "who":
        return _person_typed(ctx, data, text)
    if step == "network":
        network = register.read_network(text)
        if network is None:
            return _ask(ctx, data, step, ctx.t("reg_choose_button"))
        return _add_new_person(ctx, data, network)
    if step == "kind":
        kind = _match(word, [(k.value, f"reg_kind_{k.value}") for k in InteractionKind])
        if kind is None:
            return _ask(ctx, data, step, ctx.t("reg_choose_button"))
        draft.kind = kind
        return _answered(ctx, data, step, draft)
    if step in ("when", "follow_up"):
        if step == "follow_up" and word in _SKIP_WORDS:
            draft.follow_up = None
            return _answered(ctx, data, step, draft)
        pending = draft.follow_up if step == "follow_up" else None
        if pending is not None and pending.due_at is None and (
                find_when(text, ctx.now, prefer="future") is None):  # "when?" was not answered
            return _ask(ctx, data, step, ctx.t("due_not_understood") + "\n"
                        + ctx.t("ask_due", title=pending.title))
        error = visit.apply_edit(ctx, draft, step, text)
        if error is not None:
            return _ask(ctx, data, step, error.text)
        if step == "follow_up" and draft.follow_up is not None and draft.follow_up.due_at is None:
            data["draft"] = draft.model_dump(mode="json")  # the action is kept; when is asked
            return _ask(ctx, data, step, ctx.t("ask_due", title=draft.follow_up.title))
        return _answered(ctx, data, step, draft)
    if step == "initiative":
        who = _initiative(word)
        if who is None:
            return _ask(ctx, data, step, ctx.t("reg_choose_button"))
        data["extra"]["initiated_by"] = who
        return _answered(ctx, data, step)
    if step == "mood":
        mood = _match(word, [(m.value, f"reg_mood_{m.value}") for m in Mood])
        if mood is None and word not in _SKIP_WORDS:
            return _ask(ctx, data, step, ctx.t("reg_choose_button"))
        data["extra"]["mood"] = mood
        return _answered(ctx, data, step)
    if step == "summary":
        if sum(c.isalpha() for c in text) < 3:
            return _ask(ctx, data, step, ctx.t("gv_summary_too_short"))
        draft.summary = text
        if draft.duration_minutes is None:  # "anderhalf uur gesproken over …" (core.hours)
            draft.duration_minutes = read_visit(text, ctx.now, Known()).duration_minutes
        return _answered(ctx, data, step, draft)
    if step in ("shared", "asked"):
        if word not in _SKIP_WORDS and sum(c.isalpha() for c in text) < 2:
            return _ask(ctx, data, step, ctx.t("gv_text_unclear"))
        data["extra"][step] = "" if word in _SKIP_WORDS else text
        return _answered(ctx, data, step)
    # The card is waiting for a button: show it again rather than lose the draft.
    return [_card(ctx, data).prefixed(ctx.t("gv_card_waiting"))]


_ASKABLE = (*STEPS, "network")


def _person_typed(ctx: Ctx, data: dict[str, Any], text: str) -> list[Reply]:
    name, why = register.valid_name(text)
    if name is None:
        return _ask(ctx, data, "who", ctx.t(why))
    draft = _draft(data)
    matches = find_contacts(ctx.session, name, limit=RECENT,
                            networks=register.visible_networks(ctx))
    chosen = register.pick([(c, c.display_name, s) for c, s in matches], name)
    if chosen is not None:
        _add_contact(draft, chosen)
        data["draft"] = draft.model_dump(mode="json")
        return _ask(ctx, data, "who")
    ctx.set_state(FLOW, "who", data)
    rows = [[ctx.button(register.contact_label(ctx, c), "gv.person", draft=data["draft_id"],
                        contact=c.id)] for c, _ in matches]
    rows.append([ctx.button(ctx.t("reg_button_new_contact", name=name), "gv.new_person",
                            draft=data["draft_id"], name=name)])
    key = "gv_who_choose" if matches else "gv_who_none"
    return [Reply(ctx.t(key, name=name), tuple(tuple(r) for r in rows), protect=True)]


def _add_contact(draft: VisitDraft, contact: Contact) -> None:
    if not any(p.contact_id == contact.id for p in draft.people):
        draft.people.append(DraftPerson(name=contact.display_name, contact_id=contact.id))


def _add_new_person(ctx: Ctx, data: dict[str, Any], network: str) -> list[Reply]:
    draft = _draft(data)
    name = str(data.pop("pending", "") or "")
    if name and not any(p.contact_id is None and p.name == name for p in draft.people):
        draft.people.append(DraftPerson(name=name, network=network))
    data["draft"] = draft.model_dump(mode="json")
    return _ask(ctx, data, "who")


# --- buttons ---------------------------------------------------------------------------------


def on_start(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """A 'Stap voor stap' button elsewhere (e.g. under the /bezoek prompt)."""
    return start(ctx, "")


def on_person(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("draft_gone")]
    contact = register.visible_contact(ctx, payload.data.get("contact"))
    if contact is None:
        return _ask(ctx, data, "who", ctx.t("reg_contact_gone"))
    draft = _draft(data)
    _add_contact(draft, contact)
    data["draft"] = draft.model_dump(mode="json")
    return _ask(ctx, data, "who")


def on_new_person(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    name, _ = register.valid_name(str(payload.data.get("name") or ""))
    if data is None or name is None:
        return [ctx.reply("draft_gone")]
    data["pending"] = name
    return _ask(ctx, data, "network")


def on_network(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    network = payload.data.get("network")
    if data is None or network not in set(Network) or not data.get("pending"):
        return [ctx.reply("draft_gone")]
    return _add_new_person(ctx, data, str(network))


def on_next(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """'Verder' after choosing who: the organisation and area follow from a known contact."""
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("draft_gone")]
    draft = _draft(data)
    if not draft.people:
        return _ask(ctx, data, "who", ctx.t("gv_who_needed"))
    _prefill(ctx, draft)
    return _answered(ctx, data, "who", draft)


def on_kind(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    kind = payload.data.get("kind")
    if data is None or kind not in set(InteractionKind):
        return [ctx.reply("draft_gone")]
    draft = _draft(data)
    draft.kind = str(kind)
    return _answered(ctx, data, "kind", draft)


def on_when(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    days = payload.data.get("days")
    if data is None or not isinstance(days, int):
        return [ctx.reply("draft_gone")]
    draft = _draft(data)
    draft.occurred_at, draft.occurred_grain = _day(ctx, days), "day"
    return _answered(ctx, data, "when", draft)


def on_initiative(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    who = payload.data.get("who")
    if data is None or who not in set(Initiative):
        return [ctx.reply("draft_gone")]
    data["extra"]["initiated_by"] = who
    return _answered(ctx, data, "initiative")


def on_mood(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    mood = payload.data.get("mood")
    if data is None or (mood is not None and mood not in set(Mood)):
        return [ctx.reply("draft_gone")]
    data["extra"]["mood"] = mood
    return _answered(ctx, data, "mood")


def on_skip(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    step = payload.data.get("step")
    if data is None or step not in ("shared", "asked"):
        return [ctx.reply("draft_gone")]
    data["extra"][step] = ""
    return _answered(ctx, data, str(step))


def on_follow_up(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    days = payload.data.get("days")
    if data is None or (days is not None and not isinstance(days, int)):
        return [ctx.reply("draft_gone")]
    draft = _draft(data)
    if days is None:
        draft.follow_up = None
    else:
        title = draft.follow_up.title if draft.follow_up else ctx.t("follow_up_default_title")
        due = remind_on((ctx.now + timedelta(days=days)).date(), ctx.tz)
        draft.follow_up = DraftFollowUp(title=title, due_at=due, grain="day")
    return _answered(ctx, data, "follow_up", draft)


def on_save(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_saved")]
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("draft_gone")]
    draft = _draft(data)
    if not draft.people or draft.people_needing_network():
        data["done"] = [s for s in data["done"] if s != "who"]
        return _ask(ctx, data, "who", ctx.t("gv_who_needed"))
    if draft.follow_up is not None and draft.follow_up.due_at is None:
        data["done"] = [s for s in data["done"] if s != "follow_up"]
        return _ask(ctx, data, "follow_up", ctx.t("ask_due", title=draft.follow_up.title))
    extra = data["extra"]
    draft.initiated_by = str(extra.get("initiated_by") or Initiative.US)
    draft.mood = extra.get("mood") or None
    draft.shared = str(extra.get("shared") or "")
    draft.asked = str(extra.get("asked") or "")
    save_visit(ctx.session, draft, ctx.user, ctx.now)
    ctx.clear_state()
    if draft.follow_up is None or draft.follow_up.due_at is None:
        return [ctx.reply("saved")]
    return [ctx.reply("saved_with_follow_up", title=draft.follow_up.title,
                      when=ctx.when(draft.follow_up.due_at, draft.follow_up.grain))]


def on_edit(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("draft_gone")]
    buttons = [ctx.button(ctx.t(f"gv_step_{s}"), "gv.step", draft=data["draft_id"], step=s)
               for s in STEPS]
    rows = [*_grid(buttons, 3),
            [ctx.button(ctx.t("button_back"), "gv.back", draft=data["draft_id"])]]
    return [ctx.reply("edit_menu", rows)]


def on_step(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Change one answer from the card; the card comes back after it."""
    data = ctx.open_draft(FLOW, payload)
    step = payload.data.get("step")
    if data is None or step not in STEPS:
        return [ctx.reply("draft_gone")]
    if step == "who":
        draft = _draft(data)
        draft.people, draft.organisation, draft.area = [], None, None
        data["draft"] = draft.model_dump(mode="json")
        data["done"] = [s for s in data["done"] if s != "who"]
    return _ask(ctx, data, str(step))


def on_back(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("draft_gone")]
    return _continue(ctx, data)


def on_cancel(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload) or ctx.open_draft(FLOW, payload) is None:
        return [ctx.reply("draft_gone")]
    ctx.clear_state()
    return [ctx.reply("visit_cancelled")]


# --- the card --------------------------------------------------------------------------------


class _TextOnly(Ctx):
    """A context whose buttons are not stored: to borrow the free-text flow's card text."""

    def button(self, label: str, action: str, **data: Any) -> Button:
        return Button(label=label, payload="")


def _card(ctx: Ctx, data: dict[str, Any]) -> Reply:
    """The free-text flow's confirmation card, with this flow's extra answers and buttons."""
    draft, extra = _draft(data), dict(data["extra"])
    _warnings(draft, extra, ctx)  # guards a copy: the card is drawn afresh from the answers
    draft.initiated_by = str(extra.get("initiated_by") or Initiative.US)
    draft.mood = extra.get("mood") or None
    draft.shared = str(extra.get("shared") or "")
    draft.asked = str(extra.get("asked") or "")
    borrowed = _TextOnly(session=ctx.session, user=ctx.user, now=ctx.now, tz=ctx.tz)
    lines = visit.card(borrowed, draft, data["draft_id"]).text.split("\n")
    data["carded"] = True
    ctx.set_state(FLOW, "card", data)
    draft_id = data["draft_id"]
    rows = [ctx.confirm_row("gv", draft_id)]
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows), protect=True)


def _warnings(draft: VisitDraft, extra: dict[str, Any], ctx: Ctx) -> None:
    """The same as the free-text card: signal words, and every text through the guard."""
    text = "\n".join(t for t in (draft.summary, extra.get("shared"), extra.get("asked")) if t)
    draft.signal_words = read_visit(text, ctx.now, Known()).signal_words
    draft.guard_texts()
    for key in ("shared", "asked"):
        if extra.get(key):
            extra[key] = draft.guard(str(extra[key]))


# --- helpers ---------------------------------------------------------------------------------


def _draft(data: dict[str, Any]) -> VisitDraft:
    return VisitDraft.model_validate(data["draft"])



def _prefill(ctx: Ctx, draft: VisitDraft) -> None:
    """A known contact with one organisation and one area: the visit was there."""
    known = [p.contact_id for p in draft.people if p.contact_id is not None]
    if not known:
        return
    if draft.organisation is None:
        organisations = [o for o, _ in organisations_of(ctx.session, known[0])
                         if o.archived_at is None]
        if len(organisations) == 1 and organisations[0].id is not None:
            draft.organisation = DraftOrganisation(name=organisations[0].name,
                                                   organisation_id=organisations[0].id)
    if draft.area is None:
        areas = areas_of(ctx.session, known[0])
        if len(areas) == 1 and areas[0].id is not None:
            draft.area = DraftArea(name=areas[0].name, area_id=areas[0].id)


def _recent(ctx: Ctx, exclude: set[int]) -> list[Contact]:
    """The contacts spoken to most recently (by when it happened), newest register entries
    after them; only those this user may see."""
    allowed = register.visible_networks(ctx)
    contacts = [c for c in active_contacts(ctx.session)
                if c.id is not None and c.id not in exclude
                and c.network in allowed]
    last = last_contact(ctx.session, [c.id for c in contacts if c.id is not None])

    def recency(contact: Contact) -> tuple[bool, datetime]:
        assert contact.id is not None
        moment = last.get(contact.id)
        return (moment is not None, moment or contact.created_at)

    return sorted(contacts, key=recency, reverse=True)[:RECENT]


def _day(ctx: Ctx, days: int) -> datetime:
    return datetime.combine((ctx.now + timedelta(days=days)).date(), MIDDAY, tzinfo=ctx.tz)


def _match(word: str, options: list[tuple[str, str]]) -> str | None:
    """The option a typed word names, in either language ('tel' → telefoon)."""
    if len(word) < 2:
        return None
    for value, key in options:
        labels = {value, texts.text("nl", key).lower(), texts.text("en", key).lower()}
        if any(label.startswith(word) or word.startswith(label) for label in labels):
            return value
    return None


def _initiative(word: str) -> str | None:
    if word in {"wij", "we", "ik", "us", "me", "i", "gemeente", "wij (gemeente)"} or \
            word.startswith(("wij", "ik ", "we ")):
        return Initiative.US.value
    if word in {"zij", "ze", "hij", "they", "them", "he", "she", "partner"} or \
            word.startswith(("zij", "ze ", "they")):
        return Initiative.THEM.value
    return None


def _grid(buttons: list[Button], width: int) -> list[list[Button]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]



FEATURE = Feature(
    commands=(
        Command(("stapsgewijs", "stepbystep", "bezoekstap", "stap"), Capability.LOG_VISIT,
                start, "gv_cmd_stapsgewijs"),
    ),
    buttons={
        action: (Capability.LOG_VISIT, handler)
        for action, handler in {
            "gv.start": on_start,
            "gv.person": on_person,
            "gv.new_person": on_new_person,
            "gv.network": on_network,
            "gv.next": on_next,
            "gv.kind": on_kind,
            "gv.when": on_when,
            "gv.initiative": on_initiative,
            "gv.mood": on_mood,
            "gv.skip": on_skip,
            "gv.follow": on_follow_up,
            "gv.save": on_save,
            "gv.edit": on_edit,
            "gv.step": on_step,
            "gv.back": on_back,
            "gv.cancel": on_cancel,
        }.items()
    },
    text_flows={FLOW: on_text},
)
