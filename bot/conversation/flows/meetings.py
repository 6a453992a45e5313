"""`/overleg`: plan a recurring gebiedsoverleg per area (area, rhythm, first date, place,
invitees — all with buttons, dates typed), see and cancel its dates, and log a meeting
afterwards (attendance with buttons, decisions and actions as lines).

The rules live in core.meetings; the renderers at the bottom turn the outbox rows of its kinds
(agenda proposal, "how did it go?", partners' invitation, reminder and cancellation) into
messages, and send nothing to a partner who may not receive it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.flows.signals import area_rows, signal_line
from bot.conversation.flows.visit import DUE_CHOICES
from bot.conversation.guard import guarded, noted
from bot.conversation.routing import Command, Feature
from core import meetings as core
from core import partners
from core.contacts import find_contacts
from core.dates import When, parse_when
from core.permissions import Capability, allows, can, visible_networks
from core.understanding import contains_bsn
from core.visits import due_moment
from storage.models import (
    Area,
    ButtonPayload,
    Contact,
    Meeting,
    MeetingInvitee,
    MeetingOccurrence,
    Outbox,
)

FLOW = "meetings.plan"
LOG_FLOW = "meetings.log"
EVERY_CHOICES = (1, 2, 4, 6, 8)
SHOWN = 8  # lines per agenda section


# --- the list and one meeting ---------------------------------------------------------------


def show(ctx: Ctx, _args: str) -> list[Reply]:
    found = core.meetings_for(ctx.session, ctx.user)
    lines = [ctx.t("mt_list_title") if found else ctx.t("mt_list_none")]
    rows: list[list[Button]] = []
    for meeting in found:
        area = _area_name(ctx, meeting.area_id)
        upcoming = core.next_held(ctx.session, meeting, ctx.now)
        if upcoming is None:
            lines.append(ctx.t("mt_list_line_no_next", area=area, rhythm=_rhythm(ctx, meeting)))
        else:
            lines.append(ctx.t("mt_list_line", area=area, rhythm=_rhythm(ctx, meeting),
                               next=_on(ctx, meeting, upcoming)))
        rows.append([ctx.button(area, "mt.view", meeting=meeting.id)])
    rows.append([ctx.button(ctx.t("mt_button_new"), "mt.new")])
    return [ctx.reply_text("\n".join(lines), rows)]


def on_view(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    meeting = _managed(ctx, payload.data.get("meeting"))
    if meeting is None:
        return [ctx.reply("mt_not_yours")]
    return [_view(ctx, meeting)]


def _view(ctx: Ctx, meeting: Meeting) -> Reply:
    dates = core.upcoming(ctx.session, meeting, ctx.now, 3)
    lines = [ctx.t("mt_view_date_cancelled" if off else "mt_view_date",
                   date=_on(ctx, meeting, day)) for day, off in dates]
    rows: list[list[Button]] = []
    for day, off in dates[:2]:
        if not off:
            rows.append([ctx.button(ctx.t("mt_button_cancel_date", date=ctx.when_date(day)),
                                    "mt.cancel_date", meeting=meeting.id, day=day.isoformat())])
    rows.append([ctx.button(ctx.t("mt_button_agenda"), "mt.agenda", meeting=meeting.id)])
    last = core.last_unlogged(ctx.session, meeting, ctx.now)
    if last is not None:
        rows.append([ctx.button(ctx.t("mt_button_log_last", date=ctx.when_date(last)), "mt.log",
                                meeting=meeting.id, day=last.isoformat())])
    rows.append([ctx.button(ctx.t("mt_button_end"), "mt.end", meeting=meeting.id)])
    return ctx.reply_text(ctx.t(
        "mt_view", area=_area_name(ctx, meeting.area_id), rhythm=_rhythm(ctx, meeting),
        place=meeting.place or ctx.t("mt_place_unknown"), invitees=_invitee_names(ctx, meeting),
        dates="\n".join(lines) or ctx.t("mt_view_no_dates")), rows)


def on_cancel_date(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    meeting = _managed(ctx, payload.data.get("meeting"))
    if meeting is None:
        return [ctx.reply("mt_not_yours")]
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    day = date.fromisoformat(str(payload.data["day"]))
    result = core.cancel_date(ctx.session, meeting, day, ctx.user, ctx.now)
    if result is None:
        return [ctx.reply("mt_date_not_cancellable")]
    _row, told = result
    area, shown = _area_name(ctx, meeting.area_id), _on(ctx, meeting, day)
    if told:
        return [ctx.reply("mt_date_cancelled_told", area=area, date=shown, count=told)]
    return [ctx.reply("mt_date_cancelled", area=area, date=shown)]


def on_agenda(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """The agenda proposal now, for the next date (the same one the bot sends ahead)."""
    meeting = _managed(ctx, payload.data.get("meeting"))
    if meeting is None:
        return [ctx.reply("mt_not_yours")]
    day = core.next_held(ctx.session, meeting, ctx.now)
    head = ctx.t("mt_agenda_now", area=_area_name(ctx, meeting.area_id),
                 when=_on(ctx, meeting, day) if day else ctx.t("mt_view_no_dates"))
    return [_agenda(ctx, meeting, head, [])]


def on_end(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    meeting = _managed(ctx, payload.data.get("meeting"))
    if meeting is None:
        return [ctx.reply("mt_not_yours")]
    rows = [[ctx.button(ctx.t("mt_button_yes_end"), "mt.end_yes", meeting=meeting.id),
             ctx.button(ctx.t("button_cancel"), "mt.cancel")]]
    return [ctx.reply("mt_confirm_end", rows, area=_area_name(ctx, meeting.area_id))]


def on_end_yes(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    meeting = _managed(ctx, payload.data.get("meeting"))
    if meeting is None:
        return [ctx.reply("mt_not_yours")]
    if not ctx.claim(payload) or not core.end_meeting(ctx.session, meeting, ctx.user, ctx.now):
        return [ctx.reply("already_handled")]
    return [ctx.reply("mt_ended", area=_area_name(ctx, meeting.area_id))]


# --- planning ----------------------------------------------------------------------------------


def on_new(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    draft_id = secrets.token_urlsafe(6)
    ctx.set_state(FLOW, "area", {"draft_id": draft_id, "invitees": []})
    return [ctx.reply("mt_ask_area", area_rows(ctx, "mt.area", None, draft=draft_id))]


def on_area(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, FLOW, payload)
    area = ctx.session.get(Area, int(payload.data.get("area", 0)))
    if data is None or area is None:
        return [ctx.reply("stale_button")]
    if not payload.data.get("final"):
        rows = area_rows(ctx, "mt.area", area.id, draft=data["draft_id"])
        return [ctx.reply("mt_ask_wijk", rows, district=area.name)]
    data["area"] = area.id
    ctx.set_state(FLOW, "every", data)
    rows = [[ctx.button(_every_label(ctx, weeks), "mt.every", draft=data["draft_id"],
                        weeks=weeks)] for weeks in EVERY_CHOICES]
    return [ctx.reply("mt_ask_every", rows)]


def on_every(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, FLOW, payload)
    if data is None:
        return [ctx.reply("stale_button")]
    data["every"] = int(payload.data["weeks"])
    ctx.set_state(FLOW, "when", data)
    return [ctx.reply("mt_ask_when")]


def on_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    """Typed text while planning: the schedule, the place, or a name to search."""
    if not allows(ctx.user, Capability.PLAN_MEETINGS):
        return [ctx.reply("not_allowed")]
    if step in ("every", "when"):
        return _schedule_typed(ctx, step, data, text)
    if step == "place":
        data["place"] = text.strip()[:core.MAX_TITLE]
        return _ask_invitees(ctx, data)
    if step == "invitees":
        found = find_contacts(ctx.session, text, networks=visible_networks(ctx.user), limit=6)
        if not found:
            return [ctx.reply("mt_invitee_none_found", name=text.strip()[:60])]
        return _ask_invitees(ctx, data, [contact for contact, _score in found])
    return [ctx.reply("stale_button")]


def _schedule_typed(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    read = core.read_schedule(text, ctx.now)
    if read.every_weeks is not None:
        data["every"] = read.every_weeks
    if "every" not in data:  # a date without a rhythm: ask the rhythm after all
        ctx.set_state(FLOW, step, data)
        return [ctx.reply("mt_ask_every")]
    if read.first is None:
        ctx.set_state(FLOW, "when", data)
        key = "mt_ask_when" if read.every_weeks is not None else "mt_when_not_understood"
        return [ctx.reply(key)]
    if not read.timed:
        ctx.set_state(FLOW, "when", data)
        return [ctx.reply("mt_when_no_time", day=ctx.when_date(read.first.date()))]
    if read.first <= ctx.now:
        ctx.set_state(FLOW, "when", data)
        return [ctx.reply("mt_when_past")]
    data["first"] = read.first.isoformat()
    ctx.set_state(FLOW, "place", data)
    skip = ctx.button(ctx.t("mt_button_skip"), "mt.skip_place", draft=data["draft_id"])
    return [ctx.reply("mt_ask_place", [[skip]])]


def on_skip_place(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, FLOW, payload)
    if data is None:
        return [ctx.reply("stale_button")]
    data["place"] = ""
    return _ask_invitees(ctx, data)


def _ask_invitees(ctx: Ctx, data: dict[str, Any], found: list[Contact] | None = None
                  ) -> list[Reply]:
    """Suggestions from the area (or what a typed name found), chosen ones marked ✓."""
    ctx.set_state(FLOW, "invitees", data)
    chosen = [c for i in data.get("invitees", []) if (c := _visible(ctx, i)) is not None]
    offered = found if found is not None else core.suggested_invitees(
        ctx.session, int(data["area"]), visible_networks(ctx.user))
    chosen_ids = {c.id for c in chosen}
    buttons = [ctx.button(("✓ " if c.id in chosen_ids else "+ ") + c.display_name,
                          "mt.invitee", draft=data["draft_id"], contact=c.id)
               for c in [*chosen, *(c for c in offered if c.id not in chosen_ids)]]
    rows = _grid(buttons)
    rows.append([ctx.button(ctx.t("mt_button_done"), "mt.done", draft=data["draft_id"])])
    names = ", ".join(c.display_name for c in chosen) or ctx.t("mt_invitees_none_yet")
    return [Reply(ctx.t("mt_ask_invitees", chosen=names), tuple(tuple(r) for r in rows),
                  protect=True)]


def on_invitee(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, FLOW, payload)
    contact = _visible(ctx, payload.data.get("contact"))
    if data is None or contact is None:
        return [ctx.reply("stale_button")]
    chosen: list[int] = list(data.get("invitees", []))
    if contact.id in chosen:
        chosen.remove(contact.id)
    else:
        assert contact.id is not None
        chosen.append(contact.id)
    data["invitees"] = chosen
    return _ask_invitees(ctx, data)


def on_done(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, FLOW, payload)
    if data is None or "first" not in data:
        return [ctx.reply("stale_button")]
    ctx.set_state(FLOW, "card", data)
    first = datetime.fromisoformat(data["first"])
    names = [c.display_name for i in data.get("invitees", []) if (c := _visible(ctx, i))]
    rows = [[ctx.button(ctx.t("button_save"), "mt.save", draft=data["draft_id"]),
             ctx.button(ctx.t("button_cancel"), "mt.cancel")]]
    return [Reply(ctx.t(
        "mt_card", area=_area_name(ctx, int(data["area"])),
        rhythm=_rhythm_of(ctx, int(data["every"]), first), first=ctx.when(first, "minute"),
        place=data.get("place") or ctx.t("mt_place_unknown"),
        invitees=", ".join(names) or ctx.t("mt_invitees_none_yet"),
    ), tuple(tuple(r) for r in rows), protect=True)]


def on_save(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, FLOW, payload)
    if data is None or "first" not in data:
        return [ctx.reply("stale_button")]
    invitee_ids = [i for i in data.get("invitees", []) if _visible(ctx, i) is not None]
    first = datetime.fromisoformat(data["first"])
    result = core.plan_meeting(ctx.session, area_id=int(data["area"]), organiser=ctx.user,
                               every_weeks=int(data["every"]), first=first,
                               place=str(data.get("place", "")), invitee_ids=invitee_ids,
                               now=ctx.now)
    ctx.clear_state()
    if isinstance(result, core.PlanError):
        return [ctx.reply(f"mt_plan_error_{result}")]
    return [ctx.reply("mt_planned", area=_area_name(ctx, result.area_id),
                      first=ctx.when(first, "minute"), working_days=core.AGENDA_WORKING_DAYS)]


def on_cancel(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    ctx.clear_state()
    return [ctx.reply("cancelled")]


# --- logging a meeting afterwards ------------------------------------------------------------


def on_log(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Start the log of one date: from the prompt (an occurrence) or the meeting's view."""
    row: MeetingOccurrence | None = None
    if "occurrence" in payload.data:
        row = ctx.session.get(MeetingOccurrence, int(payload.data["occurrence"]))
    elif "meeting" in payload.data:
        meeting = ctx.session.get(Meeting, int(payload.data["meeting"]))
        if meeting is not None:
            row = core.occurrence(ctx.session, meeting, date.fromisoformat(
                str(payload.data["day"])), ctx.tz)
    meeting = ctx.session.get(Meeting, row.meeting_id) if row is not None else None
    if row is None or meeting is None:
        return [ctx.reply("stale_button")]
    if not core.may_manage(ctx.user, meeting):
        return [ctx.reply("mt_not_yours")]
    refused = _not_loggable(ctx, row)
    if refused is not None:
        return [refused]
    data: dict[str, Any] = {"draft_id": secrets.token_urlsafe(6), "occurrence": row.id,
                            "present": []}
    return _attendance(ctx, data)


def _not_loggable(ctx: Ctx, row: MeetingOccurrence) -> Reply | None:
    if row.logged_at is not None:
        return ctx.reply("mt_log_already")
    if row.cancelled_at is not None:
        return ctx.reply("mt_log_cancelled")
    if row.starts_at > ctx.now:
        return ctx.reply("mt_log_not_yet")
    return None


def _attendance(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    ctx.set_state(LOG_FLOW, "attendance", data)
    row, meeting = _log_target(ctx, data)
    present = set(data["present"])
    people = [c for c in core.invitees(ctx.session, meeting) if _visible(ctx, c.id)]
    buttons = [ctx.button(("✓ " if c.id in present else "") + c.display_name, "mt.present",
                          draft=data["draft_id"], contact=c.id) for c in people]
    rows = _grid(buttons)
    rows.append([ctx.button(ctx.t("mt_button_next"), "mt.next", draft=data["draft_id"])])
    names = ", ".join(c.display_name for c in people if c.id in present)
    return [Reply(ctx.t("mt_log_attendance", area=_area_name(ctx, meeting.area_id),
                        when=ctx.when(row.starts_at, "minute"),
                        present=names or ctx.t("mt_log_nobody")),
                  tuple(tuple(r) for r in rows), protect=True)]


def on_present(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, LOG_FLOW, payload)
    contact = _visible(ctx, payload.data.get("contact"))
    if data is None or contact is None:
        return [ctx.reply("stale_button")]
    present: list[int] = list(data["present"])
    if contact.id in present:
        present.remove(contact.id)
    else:
        assert contact.id is not None
        present.append(contact.id)
    data["present"] = present
    return _attendance(ctx, data)


def on_next(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, LOG_FLOW, payload)
    if data is None:
        return [ctx.reply("stale_button")]
    return _ask_decisions(ctx, data)


def _ask_decisions(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    ctx.set_state(LOG_FLOW, "decisions", data)
    skip = ctx.button(ctx.t("mt_button_no_decisions"), "mt.no_decisions", draft=data["draft_id"])
    return [ctx.reply("mt_log_ask_decisions", [[skip]])]


def _ask_actions(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    ctx.set_state(LOG_FLOW, "actions", data)
    skip = ctx.button(ctx.t("mt_button_no_actions"), "mt.no_actions", draft=data["draft_id"])
    return [ctx.reply("mt_log_ask_actions", [[skip]])]


def on_no_decisions(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, LOG_FLOW, payload)
    if data is None:
        return [ctx.reply("stale_button")]
    data["decisions"] = []
    return _ask_actions(ctx, data)


def on_no_actions(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, LOG_FLOW, payload)
    if data is None:
        return [ctx.reply("stale_button")]
    data["actions"] = []
    return _log_card(ctx, data)


def on_log_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    """Decisions, then actions, one per line."""
    if not allows(ctx.user, Capability.PLAN_MEETINGS):
        return [ctx.reply("not_allowed")]
    if contains_bsn(text):
        return [ctx.reply("mt_log_bsn")]
    if step.startswith("due:"):
        return _typed_due(ctx, data, int(step.removeprefix("due:")), text)
    if step not in ("decisions", "actions"):
        return _attendance(ctx, data)
    row, meeting = _log_target(ctx, data)
    # The one guard: the invitees keep their names, nobody else's and no special category.
    result = guarded(ctx, text, [c.display_name for c in core.invitees(ctx.session, meeting)])
    if step == "decisions":
        data["decisions"] = core.read_decisions(result.text)
        return noted(ctx, result, _ask_actions(ctx, data))
    day = row.starts_at.astimezone(ctx.tz).date()
    data["actions"] = [{"title": a.title, "due": a.due_at.isoformat(), "grain": a.grain,
                        "guessed": a.guessed}
                       for a in core.read_actions(result.text, max(day, ctx.now.date()), ctx.now)]
    return noted(ctx, result, _log_card(ctx, data))


def _undated(data: dict[str, Any]) -> int | None:
    """The first action no date was said for (core.meetings.Action.guessed): asked on the card."""
    return next((i for i, a in enumerate(data.get("actions", [])) if a["guessed"]), None)


def _log_card(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    ctx.set_state(LOG_FLOW, "card", data)
    row, meeting = _log_target(ctx, data)
    present = [c.display_name for i in data["present"] if (c := _visible(ctx, i))]
    decisions = [ctx.t("mt_log_line", text=d) for d in data.get("decisions", [])]
    actions = [ctx.t("mt_log_action_undated", title=a["title"]) if a["guessed"] else
               ctx.t("mt_log_action", title=a["title"],
                     due=ctx.when(datetime.fromisoformat(a["due"]), a["grain"]))
               for a in data.get("actions", [])]
    text = ctx.t(
        "mt_log_card", area=_area_name(ctx, meeting.area_id),
        when=ctx.when(row.starts_at, "minute"),
        present=", ".join(present) or ctx.t("mt_log_nobody"),
        decisions="\n".join(decisions) or ctx.t("mt_log_none"),
        actions="\n".join(actions) or ctx.t("mt_log_none"),
    )
    cancel = ctx.button(ctx.t("button_cancel"), "mt.cancel")
    undated = _undated(data)
    if undated is None:
        rows = [[ctx.button(ctx.t("button_save"), "mt.log_save", draft=data["draft_id"]), cancel]]
    else:  # no Opslaan until every action has a date, as on the visit card
        text += "\n\n" + ctx.t("ask_due", title=data["actions"][undated]["title"])
        choices = [ctx.button(ctx.t(f"button_due_{key}"), "mt.log_due", draft=data["draft_id"],
                              index=undated, choice=key) for key, _ in DUE_CHOICES]
        rows = [choices[0:2], choices[2:4],
                [ctx.button(ctx.t("button_due_type"), "mt.log_due", draft=data["draft_id"],
                            index=undated, choice="type")], [cancel]]
    return [Reply(text, tuple(tuple(r) for r in rows), protect=True)]


def on_log_due(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """An answer to "Wanneer?" for an action: Morgen … Over 2 weken, or Zelf typen."""
    data = _open(ctx, LOG_FLOW, payload)
    index, choice = payload.data.get("index"), payload.data.get("choice")
    if data is None or not isinstance(index, int) or index >= len(data.get("actions", [])):
        return [ctx.reply("stale_button")]
    if choice == "type":
        ctx.set_state(LOG_FLOW, f"due:{index}", data)
        return [ctx.reply("ask_due_typed", title=data["actions"][index]["title"])]
    phrase = dict(DUE_CHOICES).get(str(choice))
    when = parse_when(phrase, ctx.now, prefer="future") if phrase else None
    if when is None:
        return [ctx.reply("stale_button")]
    _set_due(ctx, data, index, when)
    return _log_card(ctx, data)


def _typed_due(ctx: Ctx, data: dict[str, Any], index: int, text: str) -> list[Reply]:
    """A typed date for an action; what cannot be read is said and the question stays open."""
    if index >= len(data.get("actions", [])):
        return _log_card(ctx, data)
    when = parse_when(text, ctx.now, prefer="future")
    if when is None or due_moment(when, ctx.tz).date() < ctx.now.date():
        why = "due_not_understood" if when is None else "due_in_past"
        [card] = _log_card(ctx, data)
        ctx.set_state(LOG_FLOW, f"due:{index}", data)  # the next text is read as the date
        return [card.prefixed(ctx.t(why))]
    _set_due(ctx, data, index, when)
    return _log_card(ctx, data)


def _set_due(ctx: Ctx, data: dict[str, Any], index: int, when: When) -> None:
    action = dict(data["actions"][index])
    action.update(due=due_moment(when, ctx.tz).isoformat(), grain=when.grain, guessed=False)
    data["actions"] = [action if i == index else a for i, a in enumerate(data["actions"])]


def on_log_save(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _open(ctx, LOG_FLOW, payload)
    if data is None or "actions" not in data:
        return [ctx.reply("stale_button")]
    if _undated(data) is not None:  # an Opslaan from before: the date is asked first
        [card] = _log_card(ctx, data)
        return [card.prefixed(ctx.t("due_first"))]
    row, meeting = _log_target(ctx, data)
    actions = [core.Action(a["title"], datetime.fromisoformat(a["due"]), a["grain"],
                           a["guessed"]) for a in data["actions"]]
    present = [i for i in data["present"] if _visible(ctx, i) is not None]
    result = core.log_meeting(ctx.session, row, ctx.user, present=present,
                              decisions=list(data.get("decisions", [])), actions=actions,
                              now=ctx.now)
    ctx.clear_state()
    if isinstance(result, core.LogError):
        return [ctx.reply(f"mt_log_{result}")]
    return [ctx.reply("mt_logged", area=_area_name(ctx, meeting.area_id),
                      when=ctx.when(row.starts_at, "minute"), present=len(present),
                      actions=len(result.follow_ups))]


def _log_target(ctx: Ctx, data: dict[str, Any]) -> tuple[MeetingOccurrence, Meeting]:
    row = ctx.session.get(MeetingOccurrence, int(data["occurrence"]))
    assert row is not None
    meeting = ctx.session.get(Meeting, row.meeting_id)
    assert meeting is not None
    return row, meeting


# --- rendering what the outbox owes ------------------------------------------------------------


def render_agenda(ctx: Ctx, row: Outbox) -> Reply | None:
    """The agenda proposal to the organiser; nothing once the date is off or the series ended."""
    found = _live(ctx, row)
    if found is None or not can(ctx.user.role, Capability.PLAN_MEETINGS):
        return None
    occurrence, meeting = found
    assert occurrence.id is not None
    head = ctx.t("mt_agenda", area=_area_name(ctx, meeting.area_id),
                 when=ctx.when(occurrence.starts_at, "minute"))
    cancel = ctx.button(ctx.t("mt_button_cancel_this"), "mt.cancel_date", meeting=meeting.id,
                        day=occurrence.held_on.isoformat())
    return _agenda(ctx, meeting, head, [[cancel]])


def _agenda(ctx: Ctx, meeting: Meeting, head: str, rows: list[list[Button]]) -> Reply:
    today = ctx.now.astimezone(ctx.tz).date()
    found = core.agenda(ctx.session, meeting, ctx.user, today, visible_networks(ctx.user))
    lines = [head]
    if found.tension is not None:
        lines.append(ctx.t("mt_agenda_tension", level=ctx.t(f"ten_level_{found.tension.level}"),
                           date=ctx.when_date(found.tension.set_at.astimezone(ctx.tz).date())))
    else:
        lines.append(ctx.t("mt_agenda_tension_none"))
    if found.signals:
        lines.append(ctx.t("mt_agenda_signals", count=len(found.signals)))
        lines += [f"• {signal_line(ctx, s)}" for s in found.signals[:SHOWN]]
        if len(found.signals) > SHOWN:
            lines.append(ctx.t("mt_agenda_more", count=len(found.signals) - SHOWN))
    else:
        lines.append(ctx.t("mt_agenda_signals_none"))
    if found.follow_ups:
        lines.append(ctx.t("mt_agenda_follow_ups", count=len(found.follow_ups)))
        lines += [ctx.t("mt_agenda_follow_up", title=f.title, due=ctx.when(f.due_at, f.due_grain))
                  for f in found.follow_ups[:SHOWN]]
        if len(found.follow_ups) > SHOWN:
            lines.append(ctx.t("mt_agenda_more", count=len(found.follow_ups) - SHOWN))
    else:
        lines.append(ctx.t("mt_agenda_follow_ups_none"))
    if found.surveys:
        lines.append(ctx.t("mt_agenda_surveys"))
        lines += [_survey_line(ctx, survey) for survey in found.surveys[:SHOWN]]
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows), protect=True)


def _survey_line(ctx: Ctx, survey: core.AgendaSurvey) -> str:
    """'• Behoeftepeiling (gesloten 2 nov): formeel 7 van 12 reageerden; meest gekozen: …'."""
    parts = []
    for part in survey.parts:
        text = ctx.t("mt_agenda_survey_part", network=ctx.t(f"mt_network_{part.network}"),
                     responded=part.responded, invited=part.invited)
        if part.top:
            text += ctx.t("mt_agenda_survey_top", answers=", ".join(part.top))
        parts.append(text)
    return ctx.t("mt_agenda_survey", title=survey.title,
                 date=ctx.when_date(survey.closed_on), parts="; ".join(parts))


def render_prompt(ctx: Ctx, row: Outbox) -> Reply | None:
    occurrence = ctx.session.get(MeetingOccurrence, row.ref_id) if row.ref_id else None
    if occurrence is None or occurrence.logged_at is not None or occurrence.cancelled_at:
        return None
    meeting = ctx.session.get(Meeting, occurrence.meeting_id)
    if (meeting is None or not can(ctx.user.role, Capability.PLAN_MEETINGS)
            or not core.may_manage(ctx.user, meeting)):
        return None
    button = ctx.button(ctx.t("mt_button_log"), "mt.log", occurrence=occurrence.id)
    return ctx.reply("mt_prompt", [[button]], area=_area_name(ctx, meeting.area_id),
                     when=ctx.when(occurrence.starts_at, "minute"))


def _render_partner(key: str) -> Callable[[Ctx, Outbox], Reply | None]:
    """A partner's invitation, reminder or cancellation: only while they may receive messages
    and are still invited."""

    def render(ctx: Ctx, row: Outbox) -> Reply | None:
        occurrence = ctx.session.get(MeetingOccurrence, row.ref_id) if row.ref_id else None
        if occurrence is None or not partners.may_receive(ctx.session, ctx.user):
            return None
        meeting = ctx.session.get(Meeting, occurrence.meeting_id)
        if meeting is None or ctx.user.contact_id is None or ctx.session.get(
                MeetingInvitee, (meeting.id, ctx.user.contact_id)) is None:
            return None
        if key != "mt_cancelled_out" and (occurrence.cancelled_at is not None
                                          or meeting.ended_at is not None
                                          or occurrence.starts_at <= ctx.now):
            return None
        place = ctx.t("mt_at_place", place=meeting.place) if meeting.place else ""
        return ctx.reply(key, area=_area_name(ctx, meeting.area_id),
                         when=ctx.when(occurrence.starts_at, "minute"), place=place)

    return render


RENDERERS: dict[str, Callable[[Ctx, Outbox], Reply | None]] = {
    core.AGENDA: render_agenda,
    core.PROMPT: render_prompt,
    core.DATE: _render_partner("mt_invitation"),
    core.REMINDER: _render_partner("mt_reminder"),
    core.CANCELLED: _render_partner("mt_cancelled_out"),
}


# --- helpers -----------------------------------------------------------------------------------


def _live(ctx: Ctx, row: Outbox) -> tuple[MeetingOccurrence, Meeting] | None:
    """The occurrence an outbox row is about, when it is still to come and still on."""
    occurrence = ctx.session.get(MeetingOccurrence, row.ref_id) if row.ref_id else None
    if occurrence is None or occurrence.cancelled_at is not None:
        return None
    meeting = ctx.session.get(Meeting, occurrence.meeting_id)
    if (meeting is None or meeting.ended_at is not None or occurrence.starts_at <= ctx.now
            or not core.may_manage(ctx.user, meeting)):
        return None
    return occurrence, meeting


def _open(ctx: Ctx, flow: str, payload: ButtonPayload) -> dict[str, Any] | None:
    """The state of `flow` a button belongs to, or None for a button of an earlier draft."""
    state = ctx.state()
    if state is None or state.flow != flow:
        return None
    if state.data.get("draft_id") != payload.data.get("draft"):
        return None
    return dict(state.data)


def _managed(ctx: Ctx, meeting_id: object) -> Meeting | None:
    meeting = ctx.session.get(Meeting, int(meeting_id)) if isinstance(meeting_id, int) else None
    if meeting is None or not core.may_manage(ctx.user, meeting):
        return None
    return meeting


def _visible(ctx: Ctx, contact_id: object) -> Contact | None:
    """A contact this user may see by name, or None."""
    if not isinstance(contact_id, int):
        return None
    contact = ctx.session.get(Contact, contact_id)
    if contact is None or contact.network not in visible_networks(ctx.user):
        return None
    return contact


def _invitee_names(ctx: Ctx, meeting: Meeting) -> str:
    people = core.invitees(ctx.session, meeting)
    seen = visible_networks(ctx.user)
    names = [c.display_name for c in people if c.network in seen]
    hidden = len(people) - len(names)
    if hidden:
        names.append(ctx.t("mt_hidden_invitees", count=hidden))
    return ", ".join(names) or ctx.t("mt_invitees_none_yet")


def _area_name(ctx: Ctx, area_id: int) -> str:
    area = ctx.session.get(Area, area_id)
    return area.name if area is not None else ""


def _every_label(ctx: Ctx, weeks: int) -> str:
    return ctx.t("mt_button_every_1") if weeks == 1 else ctx.t("mt_button_every", weeks=weeks)


def _rhythm(ctx: Ctx, meeting: Meeting) -> str:
    first = datetime.combine(meeting.first_on, meeting.at_time, tzinfo=ctx.tz)
    return _rhythm_of(ctx, meeting.every_weeks, first)


def _rhythm_of(ctx: Ctx, weeks: int, first: datetime) -> str:
    local = first.astimezone(ctx.tz)
    key = "mt_rhythm_1" if weeks == 1 else "mt_rhythm"
    return ctx.t(key, weeks=weeks, weekday=ctx.t(f"mt_day_{local.weekday()}"),
                 time=f"{local.hour:02d}:{local.minute:02d}")


def _on(ctx: Ctx, meeting: Meeting, day: date) -> str:
    return ctx.when(core.start_of(meeting, day, ctx.tz), "minute")


def _grid(buttons: list[Button], width: int = 2) -> list[list[Button]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


FEATURE = Feature(
    commands=(
        Command(("overleg", "meeting", "gebiedsoverleg", "meetings"), Capability.PLAN_MEETINGS,
                show, "cmd_overleg"),
    ),
    buttons={
        action: (Capability.PLAN_MEETINGS, handler) for action, handler in {
            "mt.view": on_view, "mt.new": on_new, "mt.area": on_area, "mt.every": on_every,
            "mt.skip_place": on_skip_place, "mt.invitee": on_invitee, "mt.done": on_done,
            "mt.save": on_save, "mt.cancel": on_cancel, "mt.cancel_date": on_cancel_date,
            "mt.agenda": on_agenda, "mt.end": on_end, "mt.end_yes": on_end_yes,
            "mt.log": on_log, "mt.present": on_present, "mt.next": on_next,
            "mt.no_decisions": on_no_decisions, "mt.no_actions": on_no_actions,
            "mt.log_save": on_log_save, "mt.log_due": on_log_due,
        }.items()
    },
    text_flows={FLOW: on_text, LOG_FLOW: on_log_text},
)
