"""The tension picture in the chat (/spanning [gebied]) and trigger events (/aanleiding).

The coordinator sets an area's level with a short justification and a review date; the
open signals and trigger events of the area are linked to it automatically. From level 2 the
contact rhythm in the area tightens (core.tension), and the reply says for how many contacts.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.flows import signals as sig
from bot.conversation.routing import Command, Feature
from core import signals as core_signals
from core import tension as core
from core.dates import parse_when
from core.permissions import Capability, can
from core.referrals import Found, screen_for
from core.signals import EventDraft
from core.understanding import contains_bsn
from storage.models import Area, AreaTension, ButtonPayload, TriggerEvent

FLOW = "tension"
EVENT_FLOW = "event"
EMOJI = {"groen": "🟢", "geel": "🟡", "oranje": "🟠", "rood": "🔴", "nafase": "⚪"}
SHOWN_SIGNALS = 6
SHOWN_HISTORY = 5


# --- the picture -----------------------------------------------------------------------------


def show(ctx: Ctx, args: str) -> list[Reply]:
    """`/spanning`: every area with a level or open signals; `/spanning <gebied>`: one area."""
    query = args.strip()
    if query:
        area = sig.find_area(ctx, query)
        if area is None or area.id is None:
            return [ctx.reply("sig_area_unknown", text=query)]
        return [area_picture(ctx, area.id)]
    return [overview(ctx)]


def overview(ctx: Ctx) -> Reply:
    pictures = core.picture(ctx.session, ctx.now.date())
    lines = [ctx.t("ten_overview_title", date=ctx.when(ctx.now, "day")), ""]
    rows: list[list[Button]] = []
    if not pictures:
        lines.append(ctx.t("ten_overview_empty"))
    for item in pictures:
        lines.append(_overview_line(ctx, item))
        rows.append([ctx.button(item.area, "tension.area", area=item.area_id)])
    if pictures:
        lines += ["", ctx.t("ten_overview_rest")]
    lines += ["", tightening_text(ctx)]
    rows = sig.grid([b for r in rows for b in r], 2)
    rows.append([ctx.button(ctx.t("ten_button_pick"), "tension.pick")])
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows))


def tightening_text(ctx: Ctx) -> str:
    """How the contact rhythm tightens per level, as set (RHYTHM_TIGHTENING)."""
    tightening = ctx.options.tightening
    levels = tightening.by_level()
    if not levels:
        return ctx.t("ten_tightening_never")
    return ctx.t("ten_tightening", levels="; ".join(
        f"{level_text(ctx, level)}: {how_often(ctx, factor)}" for level, factor in levels),
        days=tightening.min_days)


def _overview_line(ctx: Ctx, item: core.AreaPicture) -> str:
    parts = [level_text(ctx, item.current.level) if item.current else ctx.t("ten_not_assessed")]
    if item.open_signals:
        key = "ten_open_signal" if item.open_signals == 1 else "ten_open_signals"
        parts.append(ctx.t(key, count=item.open_signals))
    if item.current is not None and item.current.review_on is not None:
        parts.append(ctx.t("ten_review_short", when=ctx.when_date(item.current.review_on)))
    if item.proposal is not None:
        parts.append(ctx.t("ten_review_proposed" if item.current else "ten_assessment_proposed"))
    emoji = EMOJI[item.current.level] if item.current else "▫️"
    return ctx.t("ten_overview_line", emoji=emoji, area=item.area, parts=" · ".join(parts))


def level_text(ctx: Ctx, level: str) -> str:
    return ctx.t(f"ten_level_{level}")


def area_picture(ctx: Ctx, area_id: int, note: str | None = None) -> Reply:
    """One area: the level and since when, why, the signals and events, history, review."""
    area = ctx.session.get(Area, area_id)
    if area is None:
        return ctx.reply("stale_button")
    current = core.current(ctx.session, area_id)
    lines = [ctx.t("ten_area_title", area=area.name), ""]
    if current is None:
        lines.append(ctx.t("ten_area_not_assessed"))
    else:
        lines.append(ctx.t("ten_area_level", emoji=EMOJI[current.level],
                           level=level_text(ctx, current.level),
                           since=ctx.when_date(current.set_at.astimezone(ctx.tz).date())))
        if current.justification:
            lines.append(ctx.t("ten_area_why", value=current.justification))
    linked, events = core.justification(ctx.session, current) if current else ([], [])
    if current is None:
        linked = core_signals.signals(ctx.session,
                                      area_ids=core_signals.area_and_children(ctx.session,
                                                                              area_id))
    if linked:
        lines += ["", ctx.t("ten_area_signals", count=len(linked))]
        lines += [_signal_line(ctx, s) for s in linked[:SHOWN_SIGNALS]]
        if len(linked) > SHOWN_SIGNALS:
            lines.append(ctx.t("more_follow_ups", count=len(linked) - SHOWN_SIGNALS))
    if events:
        lines += ["", ctx.t("ten_area_events")]
        lines += [ctx.t("ten_bullet", value=_event_text(ctx, e)) for e in events]
    found = core.proposal(ctx.session, area_id, ctx.now.date())
    if found is not None:
        lines += ["", "💡 " + sig.proposal_text(ctx, found)]
    earlier = core.history(ctx.session, area_id, SHOWN_HISTORY + 1)[1:]
    if earlier:
        lines += ["", ctx.t("ten_area_history")]
        for row in earlier:
            lines.append(ctx.t("ten_history_line",
                               when=ctx.when_date(row.set_at.astimezone(ctx.tz).date()),
                               emoji=EMOJI[row.level], level=level_text(ctx, row.level)))
    if current is not None:
        lines.append("")
        if current.review_on is not None:
            lines.append(ctx.t("ten_area_review", when=ctx.when_date(current.review_on)))
        lines.append(rhythm_text(ctx, area_id, current))
    if note:
        lines = [note, "", *lines]
    rows: list[list[Button]] = []
    if can(ctx.user.role, Capability.SET_TENSION):
        rows.append([ctx.button(ctx.t("ten_button_set"), "tension.level", area=area_id)])
    rows.append([ctx.button(ctx.t("ten_button_signals"), "tension.signals", area=area_id),
                 ctx.button(ctx.t("ten_button_overview"), "tension.overview")])
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows), protect=True)


def rhythm_text(ctx: Ctx, area_id: int, current: AreaTension) -> str:
    factor = ctx.options.tightening.factor(current.level)
    if factor is None:
        return ctx.t("ten_rhythm_normal")
    return ctx.t("ten_rhythm_tight", how=how_often(ctx, factor),
                 contacts=contacts_text(ctx, area_id))


def contacts_text(ctx: Ctx, area_id: int) -> str:
    """'3 contacten in dit gebied', or that there are none yet."""
    count = core.contacts_in(ctx.session, area_id)
    key = "ten_contacts_none" if count == 0 else "ten_contacts_one" if count == 1 \
        else "ten_contacts"
    return ctx.t(key, count=count)


def how_often(ctx: Ctx, factor: float) -> str:
    """'2× zo vaak'; a factor that is no whole division (a setting of 0.75) as '1,3× zo vaak'."""
    times = 1 / factor if factor > 0 else 1.0
    shown = f"{round(times)}" if abs(times - round(times)) < 0.05 else f"{times:.1f}"
    if ctx.lang == "nl":
        shown = shown.replace(".", ",")
    return ctx.t("ten_times_as_often", times=shown)


def _signal_line(ctx: Ctx, signal: Any) -> str:
    level = ctx.t("ten_signal_level", level=signal.tension_level) \
        if signal.tension_level is not None else ""
    return ctx.t("ten_signal_line", ref=core_signals.reference(signal.id),
                 when=ctx.when_date(signal.observed_on),
                 category=sig.label(ctx, "cat", signal.category), level=level,
                 status=sig.label(ctx, "status", signal.status))


def _event_text(ctx: Ctx, event: TriggerEvent) -> str:
    return ctx.t("ten_event_line", when=ctx.when_date(event.happens_on), title=event.title,
                 scope=sig.label(ctx, "evscope", event.scope),
                 kind=sig.label(ctx, "evkind", event.kind))


def on_area(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    return [area_picture(ctx, int(payload.data["area"]))]


def on_overview(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    return [overview(ctx)]


def on_signals(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    area = ctx.session.get(Area, int(payload.data["area"]))
    return sig.list_signals(ctx, area.name if area else "")


def on_pick(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Choose an area by buttons: a stadsdeel, then the whole of it or one of its wijken."""
    area, final = sig.area_from_payload(ctx, payload)
    if area is not None and area.id is not None and final:
        return [area_picture(ctx, area.id)]
    parent = area.id if area is not None else None
    key = "ten_pick_wijk" if parent is not None else "ten_pick"
    return [ctx.reply(key, sig.area_rows(ctx, "tension.pick", parent),
                      district=area.name if area else "")]


# --- setting the level -----------------------------------------------------------------------


def on_level(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    area = ctx.session.get(Area, int(payload.data["area"]))
    if area is None:
        return [ctx.reply("stale_button")]
    ctx.set_state(FLOW, "level", {"area": area.id})
    rows = [[ctx.button(f"{EMOJI[level]} {level_text(ctx, level)}", "tension.set",
                        area=area.id, level=level)] for level in core.LEVELS]
    return [ctx.reply("ten_ask_level", rows, area=area.name)]


def on_set(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    area = ctx.session.get(Area, int(payload.data["area"]))
    level = str(payload.data.get("level"))
    if area is None or level not in core.LEVELS:
        return [ctx.reply("stale_button")]
    ctx.set_state(FLOW, "reason", {"area": area.id, "level": level})
    return [ctx.reply("ten_ask_reason", area=area.name, level=level_text(ctx, level))]


def on_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    text = " ".join(text.split())
    if step == "reason":
        findings = screen_for(ctx.session, text)
        if findings or contains_bsn(text):
            return [Reply(sig.refusal_text(ctx, findings) + "\n\n" + ctx.t("ten_ask_reason_again"),
                          protect=True)]
        if sum(c.isalpha() for c in text) < 3:
            return [ctx.reply("ten_ask_reason_again")]
        data["reason"] = text
        return _ask_review(ctx, data)
    if step == "review":
        when = parse_when(text, ctx.now, prefer="future")
        if when is None:
            return [ctx.reply("date_not_understood")]
        day = when.start.astimezone(ctx.tz).date() if when.start.tzinfo else when.start.date()
        if day <= ctx.now.date():
            return [ctx.reply("ten_review_in_past")]
        return _save(ctx, data, day)
    return [ctx.reply("reg_choose_button")]


def _ask_review(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    ctx.set_state(FLOW, "review", data)
    suggested = core.DEFAULT_REVIEW_DAYS[data["level"]]
    rows = [[ctx.button(ctx.t(f"ten_button_review_{days}") + (" ✓" if days == suggested else ""),
                        "tension.review", area=data["area"], days=days)
             for days in core.REVIEW_CHOICES]]
    return [ctx.reply("ten_ask_review", rows)]


def on_review(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    state = ctx.state()
    if state is None or state.flow != FLOW or state.step != "review" or \
            state.data.get("area") != payload.data.get("area") or not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    day = ctx.now.date() + timedelta(days=int(payload.data.get("days") or 14))
    return _save(ctx, dict(state.data), day)


def _save(ctx: Ctx, data: dict[str, Any], review_on: date) -> list[Reply]:
    area_id, level = int(data["area"]), str(data["level"])
    area = ctx.session.get(Area, area_id)
    if area is None:
        ctx.clear_state()
        return [ctx.reply("stale_button")]
    before = core.current(ctx.session, area_id)
    core.assess(ctx.session, area_id, level, str(data["reason"]), review_on, ctx.user, ctx.now,
                review_title=ctx.t("ten_review_title", area=area.name))
    ctx.clear_state()
    note = ctx.t("ten_saved", area=area.name, emoji=EMOJI[level], level=level_text(ctx, level),
                 when=ctx.when_date(review_on))
    was = ctx.options.tightening.factor(before.level) if before else None
    now_factor = ctx.options.tightening.factor(level)
    if now_factor is not None and now_factor != was:
        note += "\n" + ctx.t("ten_saved_tightened", how=how_often(ctx, now_factor),
                             contacts=contacts_text(ctx, area_id))
    elif now_factor is None and was is not None:
        note += "\n" + ctx.t("ten_saved_relaxed")
    return [area_picture(ctx, area_id, note)]


# --- trigger events --------------------------------------------------------------------------


def events_command(ctx: Ctx, args: str) -> list[Reply]:
    """`/aanleiding [titel]`: recent and coming events; with a title, register a new one."""
    title = " ".join(args.split())
    if title:
        return _event_titled(ctx, {}, title)
    events = core_signals.recent_events(ctx.session, ctx.now.date(), limit=10)
    lines = [ctx.t("evt_list_title"), ""]
    lines += [ctx.t("ten_bullet", value=_event_text(ctx, e)) for e in events] or \
        [ctx.t("evt_list_empty")]
    rows = [[ctx.button(ctx.t("sig_button_new_event"), "event.new")]]
    return [Reply("\n".join(lines), tuple(tuple(r) for r in rows))]


def on_new_event(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """A new trigger event; from a signal draft or a stored signal it is linked afterwards."""
    data: dict[str, Any] = {}
    if payload.data.get("for_draft"):
        state = ctx.state()
        if state is None or state.flow != sig.FLOW or \
                state.data.get("draft_id") != payload.data["for_draft"]:
            return [ctx.reply("sig_draft_gone")]
        data["signal_draft"] = dict(state.data)
    if payload.data.get("for_signal"):
        data["signal"] = int(payload.data["for_signal"])
    ctx.set_state(EVENT_FLOW, "title", data)
    return [ctx.reply("evt_ask_title")]


def on_event_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    text = " ".join(text.split())
    if step == "title":
        return _event_titled(ctx, data, text)
    if step == "date":
        when = parse_when(text, ctx.now, prefer="past")
        if when is None:
            return [ctx.reply("date_not_understood")]
        day = when.start.astimezone(ctx.tz).date() if when.start.tzinfo else when.start.date()
        return _event_dated(ctx, data, day)
    return [ctx.reply("reg_choose_button")]


def _event_titled(ctx: Ctx, data: dict[str, Any], text: str) -> list[Reply]:
    hard = [f for f in screen_for(ctx.session, text) if f.kind is not Found.NAME]
    if hard:
        ctx.set_state(EVENT_FLOW, "title", data)
        return [Reply(sig.refusal_text(ctx, hard) + "\n\n" + ctx.t("evt_ask_title"),
                      protect=True)]
    if sum(c.isalpha() for c in text) < 3:
        ctx.set_state(EVENT_FLOW, "title", data)
        return [ctx.reply("evt_ask_title")]
    data["title"] = text[:200]
    ctx.set_state(EVENT_FLOW, "scope", data)
    rows = [[ctx.button(sig.label(ctx, "evscope", s), "event.scope", scope=s)
             for s in core_signals.EVENT_SCOPES]]
    return [ctx.reply("evt_ask_scope", rows)]


def _event_state(ctx: Ctx, step: str) -> dict[str, Any] | None:
    state = ctx.state()
    if state is None or state.flow != EVENT_FLOW or state.step != step:
        return None
    return dict(state.data)


def on_scope(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _event_state(ctx, "scope")
    scope = str(payload.data.get("scope"))
    if data is None or scope not in core_signals.EVENT_SCOPES:
        return [ctx.reply("already_handled")]
    data["scope"] = scope
    ctx.set_state(EVENT_FLOW, "kind", data)
    rows = sig.grid([ctx.button(sig.label(ctx, "evkind", k), "event.kind", kind=k)
                     for k in core_signals.EVENT_KINDS], 3)
    return [ctx.reply("evt_ask_kind", rows)]


def on_kind(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _event_state(ctx, "kind")
    kind = str(payload.data.get("kind"))
    if data is None or kind not in core_signals.EVENT_KINDS:
        return [ctx.reply("already_handled")]
    data["kind"] = kind
    ctx.set_state(EVENT_FLOW, "date", data)
    rows = [[ctx.button(ctx.t(key), "event.day", days=days)
             for key, days in (("button_yesterday", -1), ("button_today", 0),
                               ("button_tomorrow", 1))]]
    return [ctx.reply("evt_ask_date", rows)]


def on_day(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _event_state(ctx, "date")
    if data is None:
        return [ctx.reply("already_handled")]
    return _event_dated(ctx, data, ctx.now.date() + timedelta(days=int(payload.data["days"])))


def _event_dated(ctx: Ctx, data: dict[str, Any], day: date) -> list[Reply]:
    data["day"] = day.isoformat()
    if data.get("scope") != "lokaal":
        return _event_save(ctx, data, None)
    ctx.set_state(EVENT_FLOW, "area", data)
    rows = sig.area_rows(ctx, "event.area", None)
    rows.append([ctx.button(ctx.t("evt_button_whole_city"), "event.area", area=None,
                            final=True)])
    return [ctx.reply("evt_ask_area", rows)]


def on_event_area(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = _event_state(ctx, "area")
    if data is None:
        return [ctx.reply("already_handled")]
    area, final = sig.area_from_payload(ctx, payload)
    if area is not None and not final:
        return [ctx.reply("ten_pick_wijk", sig.area_rows(ctx, "event.area", area.id),
                          district=area.name)]
    return _event_save(ctx, data, area.id if area is not None else None)


def _event_save(ctx: Ctx, data: dict[str, Any], area_id: int | None) -> list[Reply]:
    event = core_signals.create_event(
        ctx.session,
        EventDraft(title=str(data["title"]), scope=str(data["scope"]), kind=str(data["kind"]),
                   happens_on=date.fromisoformat(str(data["day"])), area_id=area_id),
        ctx.user, ctx.now,
    )
    ctx.clear_state()
    assert event.id is not None
    saved = ctx.t("evt_saved", value=_event_text(ctx, event))
    if isinstance(data.get("signal_draft"), dict):
        draft_data = dict(data["signal_draft"])
        return [Reply(saved), *sig.with_event(ctx, draft_data, event.id)]
    if data.get("signal"):
        core_signals.link_event(ctx.session, int(data["signal"]), event.id, ctx.user, ctx.now)
        return [sig.show_signal(ctx, int(data["signal"]), saved)]
    return [Reply(saved)]


FEATURE = Feature(
    commands=(
        Command(("spanning", "tension", "spanningsbeeld"), Capability.LOG_SIGNAL, show,
                "ten_cmd_spanning"),
        Command(("aanleiding", "event", "aanleidingen", "events", "trigger"),
                Capability.LOG_SIGNAL, events_command),
    ),
    buttons={
        "tension.area": (Capability.LOG_SIGNAL, on_area),
        "tension.overview": (Capability.LOG_SIGNAL, on_overview),
        "tension.signals": (Capability.LOG_SIGNAL, on_signals),
        "tension.pick": (Capability.LOG_SIGNAL, on_pick),
        "tension.level": (Capability.SET_TENSION, on_level),
        "tension.set": (Capability.SET_TENSION, on_set),
        "tension.review": (Capability.SET_TENSION, on_review),
        "event.new": (Capability.LOG_SIGNAL, on_new_event),
        "event.scope": (Capability.LOG_SIGNAL, on_scope),
        "event.kind": (Capability.LOG_SIGNAL, on_kind),
        "event.day": (Capability.LOG_SIGNAL, on_day),
        "event.area": (Capability.LOG_SIGNAL, on_event_area),
    },
    text_flows={FLOW: on_text, EVENT_FLOW: on_event_text},
)
