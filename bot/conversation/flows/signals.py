"""Signals in the chat: record one (/signaal, or from a visit card), list them (/signalen),
open one, move it through its workflow, and hang follow-ups off it.

A signal is about an area or a theme (design.md §2.2). Typed texts are screened: a BSN, phone
number, e-mail address or address is refused; a possible name is refused with an explanation,
and the writer may say it is no name. A concern about one person goes to /zorg instead.

The quick path asks only what it could not read from the message — the facts, the area, the
category — then the interpretation (kept apart from the facts) and a tension estimate, and
shows a card; every other field is one button away under Wijzigen.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz, process, utils

from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.flows import visit
from bot.conversation.guard import guarded, note, noted
from bot.conversation.routing import Command, Feature
from core import signals as core
from core.access import audit
from core.areas import all_areas
from core.contacts import find_contacts
from core.dates import parse_when
from core.permissions import Capability, can, visible_networks
from core.reading.names import find_names
from core.reading.redact import Redacted
from core.referrals import Finding, Found, only_names, screen_for
from core.signals import SignalDraft
from core.tension import DEFAULT_REVIEW, Proposal, proposal
from core.understanding import MAX_MESSAGE, contains_bsn, signal_words, split_sentences
from core.visits import VisitDraft
from storage.models import Area, ButtonPayload, Contact, Network, Signal, TriggerEvent

FLOW = "signal"
FLOW_REASON = "signal_reason"
FLOW_FOLLOW = "signal_follow"
CHOICES: dict[str, tuple[Any, ...]] = {
    "location_type": core.LOCATION_TYPES,
    "kind": core.KINDS,
    "source_type": core.SOURCE_TYPES,
    "reliability": core.RELIABILITY,
    "tension_level": core.TENSION_LEVELS,
    "trend": core.TRENDS,
    "urgency": core.URGENCIES,
}
EDIT_FIELDS = ("observed_on", "area", "location_type", "category", "facts", "interpretation",
               "counter_signals", "kind", "source_type", "reliability", "tension_level", "trend",
               "urgency", "trigger_event_id", "source_contact_id")
SHOWN = 10
FOLLOW_DAYS = (("button_tomorrow", 1), ("button_next_week", 7), ("button_two_weeks", 14))
PERSON_SOURCES = ("sleutelfiguur", "formele_partner", "intern")


# --- starting --------------------------------------------------------------------------------


def start(ctx: Ctx, args: str) -> list[Reply]:
    """`/signaal [wat je zag]`: with text, that text is the facts; without, it asks for them."""
    data = _new_data(SignalDraft(observed_on=ctx.now.date()))
    text = args.strip()
    if text:
        return _facts_typed(ctx, data, text, first=True)
    return _ask(ctx, data, "facts")


def from_visit(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """'Signaal vastleggen' on a visit card: area, day, facts and source come from the visit;
    the visit card waits and comes back when the signal is saved or cancelled."""
    state = ctx.state()
    if state is None or state.flow != visit.FLOW or not state.data.get("draft") or \
            state.data.get("draft_id") != payload.data.get("draft"):
        return [ctx.reply("draft_gone")]
    draft = VisitDraft.model_validate(state.data["draft"])
    signal = SignalDraft(
        observed_on=draft.occurred_at.astimezone(ctx.tz).date(),
        area_id=draft.area.area_id if draft.area else None,
        category=core.guess_category(draft.summary),
        location_type=core.guess_location(draft.summary),
    )
    person = draft.people[0] if draft.people else None
    if person is not None:
        contact = ctx.session.get(Contact, person.contact_id) if person.contact_id else None
        network = contact.network if contact is not None else person.network
        signal.source_type = "sleutelfiguur" if network == Network.INFORMAL else \
            "formele_partner" if network == Network.FORMAL else signal.source_type
        if contact is not None and can(ctx.user.role, Capability.VIEW_SIGNAL_SOURCES):
            signal.source_contact_id = contact.id
    data = _new_data(signal)
    data["resume"] = {"flow": state.flow, "step": "card", "data": dict(state.data)}
    # The facts are the sentences that made the card offer a signal: a signal is about an area
    # and a theme, and the summary's other sentences say whom the visit was with.
    telling = [s for s in split_sentences(draft.summary) if signal_words(s)]
    summary = " ".join((" ".join(telling) or draft.summary).split())[:core.MAX_TEXT]
    if not summary:
        return _ask(ctx, data, "facts")
    return _facts_typed(ctx, data, summary, first=True, from_visit=True)


def _new_data(draft: SignalDraft) -> dict[str, Any]:
    return {"draft_id": secrets.token_urlsafe(6), "draft": draft.model_dump(mode="json"),
            "asked": [], "carded": False}


# --- the questions ---------------------------------------------------------------------------


def _ask(ctx: Ctx, data: dict[str, Any], step: str, error: str | None = None,
         parent: int | None = None) -> list[Reply]:
    ctx.set_state(FLOW, step, data)
    draft_id = data["draft_id"]
    rows: list[list[Button]] = []
    key, values = f"sig_ask_{step}", {}

    def button(label: str, action: str, **more: Any) -> Button:
        return ctx.button(label, action, draft=draft_id, **more)

    if step == "area":
        rows = area_rows(ctx, "sig.area", parent, draft=draft_id)
        if parent is not None:
            key = "sig_ask_wijk"
            area = ctx.session.get(Area, parent)
            values["district"] = area.name if area else ""
    elif step == "category":
        rows = grid([button(label(ctx, "cat", c), "sig.category", value=c)
                     for c in core.CATEGORIES], 2)
    elif step == "subcategory":
        category = _draft(data).category or "overig"
        values["category"] = label(ctx, "cat", category)
        rows = grid([button(label(ctx, "sub", s), "sig.set", field="subcategory", value=s)
                     for s in core.CATEGORIES.get(category, ())], 2)
        rows.append([button(ctx.t("sig_button_general"), "sig.set", field="subcategory",
                            value=None)])
    elif step in CHOICES:
        rows = grid([button(label(ctx, _group(step), str(v)), "sig.set", field=step, value=v)
                     for v in CHOICES[step]], 2)
        if step == "tension_level":
            rows.append([button(ctx.t("sig_button_unknown_level"), "sig.set", field=step,
                                value=None)])
    elif step == "observed_on":
        rows = [[button(ctx.t("button_today"), "sig.day", days=0),
                 button(ctx.t("button_yesterday"), "sig.day", days=-1)]]
    elif step in ("interpretation", "counter_signals"):
        rows = [[button(ctx.t("reg_button_skip"), "sig.set", field=step, value="")]]
    elif step == "trigger_event_id":
        events = core.recent_events(ctx.session, ctx.now.date())
        rows = [[button(event_label(ctx, e), "sig.set", field=step, value=e.id)]
                for e in events]
        rows.append([button(ctx.t("sig_button_new_event"), "event.new", for_draft=draft_id),
                     button(ctx.t("sig_button_no_event"), "sig.set", field=step, value=None)])
    elif step == "source_contact_id":
        rows = [[button(ctx.t("sig_button_no_source_contact"), "sig.set", field=step,
                        value=None)]]
    text = ctx.t(key, **values)
    if error:
        text = f"{error}\n\n{text}"
    return [Reply(text, tuple(tuple(r) for r in rows))]


def _next(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    """The first question still open on the quick path, else the card."""
    draft = _draft(data)
    if data.get("carded"):
        return [_card(ctx, data)]
    if not draft.facts:
        return _ask(ctx, data, "facts")
    if draft.area_id is None:
        return _ask(ctx, data, "area")
    if draft.category is None:
        return _ask(ctx, data, "category")
    for step in ("interpretation", "tension_level"):
        if step not in data["asked"]:
            return _ask(ctx, data, step)
    return [_card(ctx, data)]


def _answered(ctx: Ctx, data: dict[str, Any], step: str, draft: SignalDraft | None = None
              ) -> list[Reply]:
    if draft is not None:
        data["draft"] = draft.model_dump(mode="json")
    if step not in data["asked"]:
        data["asked"] = [*data["asked"], step]
    return _next(ctx, data)


# --- typed answers ---------------------------------------------------------------------------


def on_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    text = " ".join(text.strip()[:MAX_MESSAGE].split())
    draft = _draft(data)
    if contains_bsn(text):
        return [ctx.reply("bsn_refused"), *_ask(ctx, data, step)]
    if step == "facts":  # the first time the facts are read, they also fill in what they can
        return _facts_typed(ctx, data, text, first="facts" not in data["asked"])
    if step in ("interpretation", "counter_signals"):
        refused = _screened(ctx, data, step, text)
        if refused:
            return refused
        result = _guard(ctx, data, text)
        setattr(draft, step, result.text[:core.MAX_TEXT])
        return noted(ctx, result, _answered(ctx, data, step, draft))
    if step == "area":
        area = find_area(ctx, text)
        if area is None:
            return _ask(ctx, data, step, ctx.t("sig_area_unknown", text=text))
        draft.area_id = area.id
        return _answered(ctx, data, step, draft)
    if step == "observed_on":
        when = parse_when(text, ctx.now, prefer="past")
        if when is None:
            return _ask(ctx, data, step, ctx.t("date_not_understood"))
        day = when.start.astimezone(ctx.tz).date() if when.start.tzinfo else when.start.date()
        if day > ctx.now.date():
            return _ask(ctx, data, step, ctx.t("sig_date_in_future"))
        draft.observed_on = day
        return _answered(ctx, data, step, draft)
    if step == "source_contact_id":
        return _source_typed(ctx, data, text)
    if step == "card":
        return [_card(ctx, data).prefixed(ctx.t("sig_card_waiting"))]
    return _ask(ctx, data, step, ctx.t("reg_choose_button"))


def _facts_typed(ctx: Ctx, data: dict[str, Any], text: str, *, first: bool = False,
                 from_visit: bool = False) -> list[Reply]:
    if sum(c.isalpha() for c in text) < 5:
        return _ask(ctx, data, "facts", ctx.t("sig_facts_too_short"))
    refused = _screened(ctx, data, "facts", text, from_visit=from_visit)
    if refused:
        return refused
    draft = _draft(data)
    result = _guard(ctx, data, text)
    if not result.text.strip():  # every sentence was struck: ask again, saying why
        return _ask(ctx, data, "facts", note(ctx, result))
    draft.facts = result.text[:core.MAX_TEXT]
    if first:
        guessed = core.draft_signal(ctx.session, text, ctx.now)
        draft.area_id = draft.area_id or guessed.area_id
        draft.category = draft.category or guessed.category
        draft.location_type = draft.location_type or guessed.location_type
        if not from_visit and not data.get("resume"):  # a visit's day stays the visit's day
            draft.observed_on = guessed.observed_on
    return noted(ctx, result, _answered(ctx, data, "facts", draft))


def _guard(ctx: Ctx, data: dict[str, Any], text: str) -> Redacted:
    """The one guard; a name the writer said is no name (Niet een naam) stays, unless a minor's."""
    keep = [m.text for m in find_names(text)] if text in data.get("not_names", []) else []
    return guarded(ctx, text, keep)


def _screened(ctx: Ctx, data: dict[str, Any], step: str, text: str, *,
              from_visit: bool = False) -> list[Reply]:
    """A refusal (and the question again) when the text identifies a person; [] when not."""
    findings = screen_for(ctx.session, text)
    if not findings or text in data.get("not_names", []):
        return []
    rows: list[list[Button]] = []
    if only_names(findings):  # kept in the draft until the writer says it is not a name
        data["pending"] = {"step": step, "text": text}
        rows.append([ctx.button(ctx.t("sig_button_not_a_name"), "sig.not_a_name",
                                draft=data["draft_id"])])
    rows.append([ctx.button(ctx.t("sig_button_concern"), "concern.start")])
    ctx.set_state(FLOW, step, data)
    intro = ctx.t("sig_from_visit_refused") if from_visit else ""
    explanation = intro + refusal_text(ctx, findings) + "\n\n" + ctx.t("sig_refused_how")
    return [Reply(explanation, tuple(tuple(r) for r in rows), protect=True)]


def refusal_text(ctx: Ctx, findings: list[Finding]) -> str:
    """Why a text is refused, naming what was found (shown, never stored or logged)."""
    lines = [ctx.t("sig_privacy_refused")]
    kinds = []
    for finding in findings:
        if finding.kind not in kinds:
            kinds.append(finding.kind)
    for kind in kinds:
        found = [f.text for f in findings if f.kind == kind and f.text]
        lines.append(ctx.t(f"sig_found_{kind.value}", found=", ".join(f"“{t}”" for t in found)))
    return "\n".join(lines)


def _source_typed(ctx: Ctx, data: dict[str, Any], text: str) -> list[Reply]:
    matches = find_contacts(ctx.session, text, limit=6,
                            networks=sorted(visible_networks(ctx.user)))
    if not matches:
        return _ask(ctx, data, "source_contact_id", ctx.t("sig_source_none", text=text))
    rows = [[ctx.button(c.display_name, "sig.set", draft=data["draft_id"],
                        field="source_contact_id", value=c.id)] for c, _ in matches]
    return [Reply(ctx.t("sig_source_choose"), tuple(tuple(r) for r in rows), protect=True)]


# --- buttons on the draft --------------------------------------------------------------------


def on_area(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("sig_draft_gone")]
    area, final = area_from_payload(ctx, payload)
    if area is None:
        return [ctx.reply("stale_button")]
    if not final:
        return _ask(ctx, data, "area", parent=area.id)
    draft = _draft(data)
    draft.area_id = area.id
    return _answered(ctx, data, "area", draft)


def on_category(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    value = str(payload.data.get("value"))
    if data is None or value not in core.CATEGORIES:
        return [ctx.reply("sig_draft_gone")]
    draft = _draft(data)
    draft.category, draft.subcategory = value, None
    data["draft"] = draft.model_dump(mode="json")
    if core.CATEGORIES[value]:
        return _ask(ctx, data, "subcategory")
    return _answered(ctx, data, "category", draft)


def on_set(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """A choice for one field (or skipping it); back to the next question or the card."""
    data = ctx.open_draft(FLOW, payload)
    field = str(payload.data.get("field"))
    value = payload.data.get("value")
    if data is None or not _valid(ctx, field, value):
        return [ctx.reply("sig_draft_gone")]
    draft = _draft(data)
    setattr(draft, field, value)
    step = "category" if field == "subcategory" else field
    return _answered(ctx, data, step, draft)


def on_day(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("sig_draft_gone")]
    draft = _draft(data)
    draft.observed_on = (ctx.now + timedelta(days=int(payload.data.get("days") or 0))).date()
    return _answered(ctx, data, "observed_on", draft)


def on_not_a_name(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """The writer says the possible name is none: use the text as it was."""
    data = ctx.open_draft(FLOW, payload)
    pending = data.get("pending") if data else None
    if data is None or not isinstance(pending, dict):
        return [ctx.reply("sig_draft_gone")]
    text, step = str(pending["text"]), str(pending["step"])
    data["not_names"] = [*data.get("not_names", []), text]
    data.pop("pending", None)
    if step == "facts":
        return _facts_typed(ctx, data, text, first="facts" not in data["asked"])
    return on_text(ctx, step, data, text)


def on_edit(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("sig_draft_gone")]
    fields = [f for f in EDIT_FIELDS
              if f != "source_contact_id" or can(ctx.user.role, Capability.VIEW_SIGNAL_SOURCES)]
    rows = grid([ctx.button(ctx.t(f"sig_field_{f}"), "sig.field", draft=data["draft_id"],
                            field=f) for f in fields], 3)
    rows.append([ctx.button(ctx.t("button_back"), "sig.back", draft=data["draft_id"])])
    return [ctx.reply("sig_edit_menu", rows)]


def on_field(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    field = str(payload.data.get("field"))
    if data is None or field not in EDIT_FIELDS:
        return [ctx.reply("sig_draft_gone")]
    if field == "source_contact_id" and not can(ctx.user.role, Capability.VIEW_SIGNAL_SOURCES):
        return [ctx.reply("not_allowed")]
    return _ask(ctx, data, field)


def on_back(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("sig_draft_gone")]
    return [_card(ctx, data)]


def on_cancel(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if not ctx.claim(payload) or data is None:
        return [ctx.reply("sig_draft_gone")]
    ctx.clear_state()
    return [ctx.reply("sig_cancelled"), *_resume(ctx, data)]


def on_save(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("sig_draft_gone")]
    draft = _draft(data)
    if draft.area_id is None or draft.category is None or not draft.facts:
        return _next(ctx, data)
    if not can(ctx.user.role, Capability.VIEW_SIGNAL_SOURCES):
        draft.source_contact_id = None
    signal = core.save_signal(ctx.session, draft, ctx.user, ctx.now)
    ctx.clear_state()
    assert signal.id is not None
    area = ctx.session.get(Area, signal.area_id)
    lines = [ctx.t("sig_saved", ref=core.reference(signal.id),
                   category=label(ctx, "cat", signal.category), area=area.name if area else "")]
    rows: list[list[Button]] = []
    resumed = _resume(ctx, data)
    found = proposal(ctx.session, signal.area_id, ctx.now.date())
    if found is None and area is not None and area.parent_id is not None:
        found = proposal(ctx.session, area.parent_id, ctx.now.date())
    if found is not None:
        lines += ["", proposal_text(ctx, found)]
        if not resumed:
            rows.append([ctx.button(ctx.t("ten_button_area", area=found.area), "tension.area",
                                    area=found.area_id)])
            if can(ctx.user.role, Capability.SET_TENSION):
                rows[-1].append(ctx.button(ctx.t("ten_button_set"), "tension.level",
                                           area=found.area_id))
    if not resumed:
        rows.append(_follow_buttons(ctx, signal))
    return [Reply("\n".join(lines), tuple(tuple(r) for r in rows)), *resumed]


def proposal_text(ctx: Ctx, found: Proposal) -> str:
    """Why the bot proposes to (re)assess an area: signals accumulate, or one is judged high."""
    many = found.new_signals >= DEFAULT_REVIEW.threshold
    if found.since is None:
        key = "ten_proposal_new" if many else "ten_proposal_new_above"
        return ctx.t(key, area=found.area, count=found.new_signals,
                     days=DEFAULT_REVIEW.window_days)
    if many:
        return ctx.t("ten_proposal", area=found.area, count=found.new_signals,
                     since=ctx.when_date(found.since))
    return ctx.t("ten_proposal_above", area=found.area)


def _resume(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    """Back to the visit card the signal was started from, as it was."""
    resume = data.get("resume")
    if not isinstance(resume, dict):
        return []
    visit_data = dict(resume["data"])
    ctx.set_state(str(resume["flow"]), str(resume["step"]), visit_data)
    draft = VisitDraft.model_validate(visit_data["draft"])
    card = visit.card(ctx, draft, str(visit_data["draft_id"]))
    return [card.prefixed(ctx.t("sig_back_to_visit"))]


def with_event(ctx: Ctx, data: dict[str, Any], event_id: int | None) -> list[Reply]:
    """Back to a signal draft after a trigger event was made for it from the draft."""
    draft = _draft(data)
    draft.trigger_event_id = event_id
    return _answered(ctx, data, "trigger_event_id", draft)


# --- the card --------------------------------------------------------------------------------


def _card(ctx: Ctx, data: dict[str, Any]) -> Reply:
    data["carded"] = True
    ctx.set_state(FLOW, "card", data)
    draft, draft_id = _draft(data), data["draft_id"]
    lines = [ctx.t("sig_card_title"), "", *_describe(ctx, draft)]
    rows = [ctx.confirm_row("sig", draft_id)]
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows), protect=True)


def _describe(ctx: Ctx, item: SignalDraft | Signal) -> list[str]:
    """The fields of a draft or a stored signal, facts and interpretation apart."""
    area = ctx.session.get(Area, item.area_id) if item.area_id else None
    none = ctx.t("reg_none")
    place = label(ctx, "loc", item.location_type) if item.location_type else none
    category = label(ctx, "cat", item.category) if item.category else none
    if item.category and item.subcategory:
        category += " › " + label(ctx, "sub", item.subcategory)
    lines = [
        ctx.t("sig_line_where", area=area.name if area else none, place=place,
              when=ctx.when_date(item.observed_on)),
        ctx.t("sig_line_category", value=category),
        ctx.t("sig_line_facts", value=item.facts or none),
        ctx.t("sig_line_interpretation", value=item.interpretation or none),
    ]
    if item.counter_signals:
        lines.append(ctx.t("sig_line_counter", value=item.counter_signals))
    source = label(ctx, "src", item.source_type)
    if item.source_contact_id and can(ctx.user.role, Capability.VIEW_SIGNAL_SOURCES):
        contact = ctx.session.get(Contact, item.source_contact_id)
        if contact is not None:
            source = ctx.t("sig_source_with_contact", source=source, name=contact.display_name)
            if isinstance(item, Signal):  # a stored signal's source was shown: who saw it
                audit(ctx.session, ctx.now, "signal.read_source", ctx.user_id,
                      f"signal:{item.id}", contact=contact.id)
    lines.append(ctx.t("sig_line_weighing", kind=label(ctx, "kind", item.kind or "none"),
                       source=source,
                       reliability=label(ctx, "rel", item.reliability)))
    level = label(ctx, "lvl", str(item.tension_level)) if item.tension_level is not None \
        else ctx.t("sig_level_unknown")
    lines.append(ctx.t("sig_line_tension", level=level, trend=label(ctx, "trend", item.trend),
                       urgency=label(ctx, "urg", item.urgency)))
    if item.trigger_event_id:
        event = ctx.session.get(TriggerEvent, item.trigger_event_id)
        if event is not None:
            lines.append(ctx.t("sig_line_event", value=event_label(ctx, event)))
    return lines


# --- stored signals: list, show, status, follow-ups ------------------------------------------


def list_signals(ctx: Ctx, args: str) -> list[Reply]:
    """`/signalen [gebied]`: open signals, the most recent first."""
    query = args.strip()
    area_ids = None
    title = ctx.t("sig_list_title")
    if query:
        area = find_area(ctx, query)
        if area is None or area.id is None:
            return [ctx.reply("sig_area_unknown", text=query)]
        area_ids = core.area_and_children(ctx.session, area.id)
        title = ctx.t("sig_list_title_area", area=area.name)
    found = core.signals(ctx.session, area_ids=area_ids)
    if not found:
        return [ctx.reply("sig_list_empty")]
    lines = [title, ""]
    buttons = []
    for signal in found[:SHOWN]:
        assert signal.id is not None
        lines.append(signal_line(ctx, signal))
        buttons.append(ctx.button(core.reference(signal.id), "sig.show", signal=signal.id))
    if len(found) > SHOWN:
        lines.append(ctx.t("more_follow_ups", count=len(found) - SHOWN))
    return [Reply("\n".join(lines), tuple(tuple(r) for r in grid(buttons, 4)), protect=True)]


def signal_line(ctx: Ctx, signal: Signal) -> str:
    assert signal.id is not None
    area = ctx.session.get(Area, signal.area_id)
    return ctx.t("sig_list_line", ref=core.reference(signal.id),
                 when=ctx.when_date(signal.observed_on), area=area.name if area else "",
                 category=label(ctx, "cat", signal.category),
                 status=label(ctx, "status", signal.status))


def on_show(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    return [show_signal(ctx, int(payload.data["signal"]))]


def show_signal(ctx: Ctx, signal_id: int, note: str | None = None) -> Reply:
    signal = ctx.session.get(Signal, signal_id)
    if signal is None:
        return ctx.reply("sig_gone")
    lines = [ctx.t("sig_title", ref=core.reference(signal_id),
                   status=label(ctx, "status", signal.status)), "", *_describe(ctx, signal)]
    lines += ["", ctx.t("sig_history")]
    for change in core.history(ctx.session, signal_id):
        key = "sig_history_reason" if change.reason else "sig_history_line"
        lines.append(ctx.t(key, when=ctx.when_date(change.at.astimezone(ctx.tz).date()),
                           status=label(ctx, "status", change.to_status), reason=change.reason))
    follow = core.follow_ups(ctx.session, signal_id)
    if follow:
        lines += ["", ctx.t("sig_follow_ups")]
        for follow_up, _purpose in follow:
            key = "sig_follow_up_done" if follow_up.status == "done" else "sig_follow_up_open"
            lines.append(ctx.t(key, title=follow_up.title,
                               when=ctx.when(follow_up.due_at, follow_up.due_grain)))
    if note:
        lines = [note, "", *lines]
    rows: list[list[Button]] = []
    if can(ctx.user.role, Capability.MANAGE_SIGNALS):
        rows += grid([ctx.button(ctx.t(f"sig_to_{s.value}"), "sig.status", signal=signal_id,
                                 to=s.value) for s in core.next_statuses(signal.status)], 3)
    if core.is_open(signal):
        rows.append(_follow_buttons(ctx, signal))
        rows.append([ctx.button(ctx.t("sig_button_link_event"), "sig.event", signal=signal_id)])
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows), protect=True)


def on_status(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    signal_id, to = int(payload.data["signal"]), str(payload.data["to"])
    signal = ctx.session.get(Signal, signal_id)
    if signal is None:
        return [ctx.reply("sig_gone")]
    if to not in core.next_statuses(signal.status):
        return [show_signal(ctx, signal_id, ctx.t("sig_status_moved_on"))]
    if core.needs_reason(to):
        ctx.set_state(FLOW_REASON, "reason", {"signal": signal_id, "to": to})
        return [ctx.reply("sig_ask_reason", ref=core.reference(signal_id),
                          status=label(ctx, "status", to))]
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    core.change_status(ctx.session, signal_id, to, ctx.user, ctx.now)
    return [show_signal(ctx, signal_id, ctx.t("sig_status_changed",
                                              status=label(ctx, "status", to)))]


def on_reason_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    signal_id, to = int(data["signal"]), str(data["to"])
    text = " ".join(text.split())
    findings = screen_for(ctx.session, text)
    if findings:
        return [Reply(refusal_text(ctx, findings) + "\n\n" + ctx.t("sig_ask_reason_again"),
                      protect=True)]
    outcome = core.change_status(ctx.session, signal_id, to, ctx.user, ctx.now, text)
    if outcome is core.Change.REASON_NEEDED:
        return [ctx.reply("sig_reason_too_short")]
    ctx.clear_state()
    if outcome is core.Change.NOT_FOUND:
        return [ctx.reply("sig_gone")]
    if outcome is core.Change.NOT_ALLOWED:
        return [show_signal(ctx, signal_id, ctx.t("sig_status_moved_on"))]
    return [show_signal(ctx, signal_id, ctx.t("sig_status_changed",
                                              status=label(ctx, "status", to)))]


def _follow_buttons(ctx: Ctx, signal: Signal) -> list[Button]:
    assert signal.id is not None
    buttons = [ctx.button(ctx.t("sig_button_follow_up"), "sig.follow", signal=signal.id,
                          purpose=core.PURPOSE_ACTION)]
    if signal.source_type in PERSON_SOURCES or signal.source_contact_id:
        buttons.append(ctx.button(ctx.t("sig_button_report_back"), "sig.follow",
                                  signal=signal.id, purpose=core.PURPOSE_SOURCE))
    return buttons


def on_follow(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """A follow-up on a signal: an action (asks what), or reporting back to the source."""
    signal_id = int(payload.data["signal"])
    signal = ctx.session.get(Signal, signal_id)
    if signal is None:
        return [ctx.reply("sig_gone")]
    purpose = str(payload.data.get("purpose"))
    data: dict[str, Any] = {"signal": signal_id, "purpose": purpose}
    if purpose == core.PURPOSE_SOURCE:
        data["title"] = ctx.t("sig_report_back_title", ref=core.reference(signal_id))
        return _ask_follow_when(ctx, data)
    ctx.set_state(FLOW_FOLLOW, "title", data)
    return [ctx.reply("sig_ask_follow_title", ref=core.reference(signal_id))]


def _ask_follow_when(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    ctx.set_state(FLOW_FOLLOW, "when", data)
    rows = [[ctx.button(ctx.t(key), "sig.follow_when", signal=data["signal"], days=days)
             for key, days in FOLLOW_DAYS]]
    return [ctx.reply("sig_ask_follow_when", rows, title=data["title"])]


def on_follow_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    text = " ".join(text.split())
    if step == "title":
        findings = screen_for(ctx.session, text)
        hard = [f for f in findings if f.kind is not Found.NAME]
        if hard or contains_bsn(text):
            return [Reply(refusal_text(ctx, hard) + "\n\n" + ctx.t("sig_ask_follow_again"),
                          protect=True)]
        if sum(c.isalpha() for c in text) < 3:
            return [ctx.reply("sig_ask_follow_again")]
        data["title"] = text[:1].upper() + text[1:200]
        return _ask_follow_when(ctx, data)
    when = parse_when(text, ctx.now, prefer="future")
    if when is None:
        return [ctx.reply("date_not_understood")]
    day = when.start.astimezone(ctx.tz).date() if when.start.tzinfo else when.start.date()
    if day < ctx.now.date():
        return [ctx.reply("follow_up_in_past")]
    return _save_follow(ctx, data, day)


def on_follow_when(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    state = ctx.state()
    if state is None or state.flow != FLOW_FOLLOW or state.step != "when" or \
            state.data.get("signal") != payload.data.get("signal") or not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    day = (ctx.now + timedelta(days=int(payload.data.get("days") or 1))).date()
    return _save_follow(ctx, dict(state.data), day)


def _save_follow(ctx: Ctx, data: dict[str, Any], day: date) -> list[Reply]:
    signal = ctx.session.get(Signal, int(data["signal"]))
    ctx.clear_state()
    if signal is None:
        return [ctx.reply("sig_gone")]
    purpose = str(data["purpose"])
    contact = signal.source_contact_id if purpose == core.PURPOSE_SOURCE and can(
        ctx.user.role, Capability.VIEW_SIGNAL_SOURCES) else None
    follow_up = core.add_follow_up(ctx.session, signal, ctx.user, title=str(data["title"]),
                                   due_on=day, now=ctx.now, purpose=purpose, contact_id=contact)
    return [ctx.reply("sig_follow_saved", title=follow_up.title,
                      when=ctx.when(follow_up.due_at, "day"))]


def on_event(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Link a stored signal to a trigger event (or a new one)."""
    signal_id = int(payload.data["signal"])
    events = core.recent_events(ctx.session, ctx.now.date())
    rows = [[ctx.button(event_label(ctx, e), "sig.link_event", signal=signal_id, event=e.id)]
            for e in events]
    rows.append([ctx.button(ctx.t("sig_button_new_event"), "event.new", for_signal=signal_id),
                 ctx.button(ctx.t("sig_button_no_event"), "sig.link_event", signal=signal_id,
                            event=None)])
    return [ctx.reply("sig_ask_trigger_event_id", rows)]


def on_link_event(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    signal_id = int(payload.data["signal"])
    event = payload.data.get("event")
    if not core.link_event(ctx.session, signal_id, int(event) if event else None, ctx.user,
                           ctx.now):
        return [ctx.reply("sig_gone")]
    return [show_signal(ctx, signal_id, ctx.t("sig_event_linked"))]


# --- shared helpers (also used by the tension and concern flows) -----------------------------


def label(ctx: Ctx, group: str, code: str | None) -> str:
    return ctx.t(f"sig_{group}_{code}")


def _group(field: str) -> str:
    return {"location_type": "loc", "kind": "kind", "source_type": "src",
            "reliability": "rel", "tension_level": "lvl", "trend": "trend",
            "urgency": "urg"}[field]


def event_label(ctx: Ctx, event: TriggerEvent) -> str:
    return ctx.t("sig_event_label", when=ctx.when_date(event.happens_on), title=event.title)


def grid(buttons: list[Button], width: int) -> list[list[Button]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def area_rows(ctx: Ctx, action: str, parent: int | None, **data: Any) -> list[list[Button]]:
    """Stadsdelen as buttons; with `parent`, the whole stadsdeel and its wijken."""
    areas = all_areas(ctx.session)
    if parent is None:
        districts = [a for a in areas if a.parent_id is None]
        has_wijken = {a.parent_id for a in areas if a.parent_id is not None}
        return grid([ctx.button(a.name, action, area=a.id, final=a.id not in has_wijken,
                                **data) for a in districts], 2)
    district = next((a for a in areas if a.id == parent), None)
    if district is None:
        return []
    whole = ctx.button(ctx.t("sig_button_whole", area=district.name), action, area=parent,
                       final=True, **data)
    wijken = [ctx.button(a.name, action, area=a.id, final=True, **data)
              for a in areas if a.parent_id == parent]
    return [[whole], *grid(wijken, 3)]


def area_from_payload(ctx: Ctx, payload: ButtonPayload) -> tuple[Area | None, bool]:
    area_id = payload.data.get("area")
    area = ctx.session.get(Area, int(area_id)) if area_id is not None else None
    return area, bool(payload.data.get("final"))


def find_area(ctx: Ctx, text: str) -> Area | None:
    """The area a typed name means: exactly, without 'Almere ', or closely (typos)."""
    wanted = " ".join(text.split()).lower()
    areas = all_areas(ctx.session)
    for area in areas:
        if wanted in (area.name.lower(), area.name.lower().removeprefix("almere ")):
            return area
    names = {a.id: a.name for a in areas}
    best = process.extractOne(wanted, names, scorer=fuzz.WRatio, processor=utils.default_process,
                              score_cutoff=88)
    if best is None:
        return None
    return next((a for a in areas if a.id == best[2]), None)


def _valid(ctx: Ctx, field: str, value: Any) -> bool:
    if field == "subcategory":
        return value is None or any(value in subs for subs in core.CATEGORIES.values())
    if field in ("interpretation", "counter_signals"):
        return bool(value == "")
    if field == "trigger_event_id":
        return value is None or ctx.session.get(TriggerEvent, int(value)) is not None
    if field == "source_contact_id":
        return can(ctx.user.role, Capability.VIEW_SIGNAL_SOURCES) and (
            value is None or ctx.session.get(Contact, int(value)) is not None)
    if field == "tension_level":
        return value is None or value in core.TENSION_LEVELS
    return field in CHOICES and value in CHOICES[field]


def _draft(data: dict[str, Any]) -> SignalDraft:
    return SignalDraft.model_validate(data["draft"])




FEATURE = Feature(
    commands=(
        Command(("signaal", "signal"), Capability.LOG_SIGNAL, start, "sig_cmd_signaal"),
        Command(("signalen", "signals"), Capability.LOG_SIGNAL, list_signals),
    ),
    buttons={
        "signal.from_visit": (Capability.LOG_SIGNAL, from_visit),
        "sig.area": (Capability.LOG_SIGNAL, on_area),
        "sig.category": (Capability.LOG_SIGNAL, on_category),
        "sig.set": (Capability.LOG_SIGNAL, on_set),
        "sig.day": (Capability.LOG_SIGNAL, on_day),
        "sig.not_a_name": (Capability.LOG_SIGNAL, on_not_a_name),
        "sig.edit": (Capability.LOG_SIGNAL, on_edit),
        "sig.field": (Capability.LOG_SIGNAL, on_field),
        "sig.back": (Capability.LOG_SIGNAL, on_back),
        "sig.cancel": (Capability.LOG_SIGNAL, on_cancel),
        "sig.save": (Capability.LOG_SIGNAL, on_save),
        "sig.show": (Capability.LOG_SIGNAL, on_show),
        "sig.status": (Capability.MANAGE_SIGNALS, on_status),
        "sig.follow": (Capability.LOG_SIGNAL, on_follow),
        "sig.follow_when": (Capability.LOG_SIGNAL, on_follow_when),
        "sig.event": (Capability.LOG_SIGNAL, on_event),
        "sig.link_event": (Capability.LOG_SIGNAL, on_link_event),
    },
    text_flows={FLOW: on_text, FLOW_REASON: on_reason_text, FLOW_FOLLOW: on_follow_text},
)
