"""Needs surveys: `/peiling` (a coordinator starts or schedules a round for a segment, sees
the rounds and their results, turns a worrying open answer into a draft signal and tells the
partners "dit doen we ermee") and `/mijn_peilingen` (a partner answers, one question at a
time, with buttons; resumable). The rules live in core.surveys; the segment is picked with
the same buttons as /informeer (flows.partners)."""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta
from typing import Any

from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.flows import signals
from bot.conversation.flows.partners import (
    choose_area,
    describe_segment,
    segment_from,
    segment_step,
)
from bot.conversation.guard import guarded, noted
from bot.conversation.routing import Command, Feature
from core import partners, surveys
from core.dates import parse_when
from core.permissions import Capability, can
from core.understanding import contains_bsn
from scheduler.surveys import next_fire
from storage.models import (
    ButtonPayload,
    Outbox,
    Survey,
    SurveyParticipant,
    SurveyRound,
)

SETUP_FLOW = "surveys.setup"
ANSWER_FLOW = "surveys.answer"
LOOP_FLOW = "surveys.loop"

# Typed text in these flows is gated by its own capability (partners type open answers).
TEXT_FLOW_CAPABILITIES: dict[str, Capability] = {
    SETUP_FLOW: Capability.RUN_SURVEYS,
    ANSWER_FLOW: Capability.ANSWER_SURVEYS,
    LOOP_FLOW: Capability.RUN_SURVEYS,
}

DEADLINE_CHOICES = (7, 14, 28)  # days, as buttons
DEADLINE_AT = time(23, 59)  # a deadline day runs to its end


# --- /peiling (coordinator) ------------------------------------------------------------------


def survey_command(ctx: Ctx, _args: str) -> list[Reply]:
    ctx.clear_state()
    planned = surveys.schedules(ctx.session)
    lines = []
    stop_buttons = []
    for index, schedule in enumerate(planned, 1):
        survey = ctx.session.get(Survey, schedule.survey_id)
        lines.append(ctx.t("sv_planned_line", title=survey.title if survey else "?",
                           segment=describe_segment(ctx, surveys.segment_of(schedule)),
                           cron=_cron_label(ctx, schedule.cron),
                           next=ctx.when(schedule.next_run_at, "day")))
        stop_buttons.append(ctx.button(ctx.t("sv_button_stop_plan", index=index),
                                       "surveys.unplan", schedule=schedule.id))
    shown = ctx.t("sv_menu_planned", lines="\n".join(lines)) if lines else ""
    rows = [[ctx.button(ctx.t("sv_button_new"), "surveys.new", mode="now"),
             ctx.button(ctx.t("sv_button_plan"), "surveys.new", mode="plan")],
            [ctx.button(ctx.t("sv_button_rounds"), "surveys.rounds")]]
    if stop_buttons:
        rows.append(stop_buttons)
    return [ctx.reply("sv_menu", rows, planned=shown)]


def on_new(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Which template (asked only when there is more than one), then the segment."""
    mode = "plan" if payload.data.get("mode") == "plan" else "now"
    found = surveys.templates(ctx.session, ctx.now)
    if len(found) == 1:
        return choose_area(ctx, "surveys.segment", "sv_area", survey=found[0].id, mode=mode)
    rows = [[ctx.button(s.title, "surveys.template", survey=s.id, mode=mode)] for s in found]
    return [ctx.reply("sv_choose_template", rows)]


def on_template(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    return choose_area(ctx, "surveys.segment", "sv_area", survey=payload.data.get("survey"),
                       mode=payload.data.get("mode"))


def on_segment(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = dict(payload.data)
    segment = segment_step(ctx, "surveys.segment", data)
    if isinstance(segment, list):
        return segment
    count = len(partners.recipients(ctx.session, segment))
    if count == 0 and data.get("mode") != "plan":
        return [ctx.reply("sv_nobody")]
    setup = {"survey": data.get("survey"), "area": segment.area_id, "network": segment.network,
             "type": segment.organisation_type, "draft": True,
             "draft_id": secrets.token_urlsafe(6)}
    if data.get("mode") == "plan":
        setup["cron"] = surveys.DEFAULT_CRON
        return _plan_preview(ctx, setup)
    ctx.set_state(SETUP_FLOW, "deadline", setup)
    rows = [[ctx.button(ctx.t("sv_button_days", days=days), "surveys.deadline",
                        draft=setup["draft_id"], days=days) for days in DEADLINE_CHOICES]]
    return [ctx.reply("sv_deadline", rows, count=count)]


def on_deadline(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(SETUP_FLOW, payload)
    if data is None:
        return [ctx.reply("sv_gone")]
    days = int(payload.data.get("days") or surveys.DEFAULT_DEADLINE.days)
    return _preview(ctx, data, _end_of(ctx, ctx.now + timedelta(days=days)))


def on_setup_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    """A typed deadline, or a typed cron line for a schedule."""
    if step == "cron":
        cron = " ".join(text.split())
        if next_fire(cron, ctx.now, ctx.tz) is None:
            return [ctx.reply("sv_cron_invalid")]
        return _plan_preview(ctx, {**data, "cron": cron})
    when = parse_when(text, ctx.now)
    if when is None:
        return [ctx.reply("date_not_understood")]
    start = when.start if when.start.tzinfo else when.start.replace(tzinfo=ctx.tz)
    deadline = _end_of(ctx, start) if when.grain != "minute" else start
    if deadline <= ctx.now:
        return [ctx.reply("sv_deadline_past")]
    return _preview(ctx, data, deadline)


def _preview(ctx: Ctx, data: dict[str, Any], deadline: datetime) -> list[Reply]:
    survey = ctx.session.get(Survey, int(data.get("survey") or 0))
    if survey is None or survey.id is None:
        ctx.clear_state()
        return [ctx.reply("sv_gone")]
    segment = segment_from(data)
    data = {**data, "deadline": deadline.isoformat()}
    ctx.set_state(SETUP_FLOW, "preview", data)
    rows = [[ctx.button(ctx.t("sv_button_send"), "surveys.send", draft=data["draft_id"]),
             ctx.button(ctx.t("button_cancel"), "surveys.cancel", draft=data["draft_id"])]]
    return [ctx.reply("sv_preview", rows, title=survey.title,
                      questions=len(surveys.questions(ctx.session, survey.id)),
                      count=len(partners.recipients(ctx.session, segment)),
                      segment=describe_segment(ctx, segment),
                      deadline=ctx.when(deadline, "minute"))]


def _plan_preview(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    survey = ctx.session.get(Survey, int(data.get("survey") or 0))
    first = next_fire(str(data["cron"]), ctx.now, ctx.tz)
    if survey is None or first is None:
        ctx.clear_state()
        return [ctx.reply("sv_gone")]
    segment = segment_from(data)
    ctx.set_state(SETUP_FLOW, "cron", data)
    rows = [[ctx.button(ctx.t("sv_button_schedule"), "surveys.schedule", draft=data["draft_id"]),
             ctx.button(ctx.t("button_cancel"), "surveys.cancel", draft=data["draft_id"])]]
    return [ctx.reply("sv_plan_preview", rows, title=survey.title,
                      cron=_cron_label(ctx, str(data["cron"])),
                      segment=describe_segment(ctx, segment),
                      count=len(partners.recipients(ctx.session, segment)),
                      days=surveys.DEFAULT_DEADLINE.days, next=ctx.when(first, "minute"))]


def on_send(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Open the previewed round; a double press opens one."""
    data = ctx.open_draft(SETUP_FLOW, payload)
    if data is None or "deadline" not in data or not ctx.claim(payload):
        return [ctx.reply("sv_gone")]
    ctx.clear_state()
    deadline = datetime.fromisoformat(str(data["deadline"]))
    opened = surveys.open_round(ctx.session, int(data["survey"]), segment_from(data), deadline,
                                actor_id=ctx.user_id, now=ctx.now, tz=ctx.tz)
    if opened is None or opened.id is None:
        return [ctx.reply("sv_nobody")]
    count = len(surveys.participants(ctx.session, opened.id))
    send_at = partners.first_daytime(ctx.now, ctx.tz)
    shown = ctx.when(deadline, "minute")
    if send_at > ctx.now:
        return [ctx.reply("sv_sent_morning", count=count, when=ctx.when(send_at, "minute"),
                          deadline=shown)]
    return [ctx.reply("sv_sent", count=count, deadline=shown)]


def on_schedule(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(SETUP_FLOW, payload)
    first = next_fire(str(data.get("cron")), ctx.now, ctx.tz) if data else None
    if data is None or first is None or not ctx.claim(payload):
        return [ctx.reply("sv_gone")]
    ctx.clear_state()
    surveys.add_schedule(ctx.session, int(data["survey"]), segment_from(data), str(data["cron"]),
                         first, actor_id=ctx.user_id, now=ctx.now)
    return [ctx.reply("sv_scheduled", next=ctx.when(first, "minute"))]


def on_unplan(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not surveys.end_schedule(ctx.session, int(payload.data.get("schedule") or 0),
                                ctx.user_id, ctx.now):
        return [ctx.reply("already_handled")]
    return [ctx.reply("sv_plan_stopped")]


def on_cancel(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if ctx.open_draft(SETUP_FLOW, payload) is None and \
            ctx.open_draft(LOOP_FLOW, payload) is None:
        return [ctx.reply("sv_gone")]
    ctx.clear_state()
    return [ctx.reply("cancelled")]


def on_rounds(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    rounds = surveys.recent_rounds(ctx.session)
    if not rounds:
        return [ctx.reply("sv_rounds_none")]
    lines, buttons = [], []
    for index, survey_round in enumerate(rounds, 1):
        found = surveys.summary(ctx.session, survey_round.id or 0)
        assert found is not None
        counts = {"responded": found.responded, "invited": found.invited}
        state = (ctx.t("sv_state_closed", **counts) if survey_round.closed_at is not None
                 else ctx.t("sv_state_open", deadline=ctx.when(survey_round.deadline, "day"),
                            **counts))
        lines.append(ctx.t("sv_round_line", index=index, title=found.title, state=state,
                           opened=ctx.when(survey_round.opened_at, "day")))
        if survey_round.closed_at is not None:
            buttons.append(ctx.button(ctx.t("sv_button_round", index=index), "surveys.show",
                                      round=survey_round.id))
    rows = [buttons[i:i + 4] for i in range(0, len(buttons), 4)]
    return [ctx.reply("sv_rounds", rows, lines="\n".join(lines))]


def on_show(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    shown = summary_reply(ctx, int(payload.data.get("round") or 0))
    return [shown or ctx.reply("sv_round_gone")]


# --- the summary, a draft signal, and "dit doen we ermee" ------------------------------------


def summary_reply(ctx: Ctx, round_id: int) -> Reply | None:
    """The results of a round: response, counts per answer (formal and informal apart, small
    counts as <5), the open answers, and the buttons to follow up."""
    found = surveys.summary(ctx.session, round_id)
    if found is None:
        return None
    survey_round = found.survey_round
    closed = survey_round.closed_at or survey_round.deadline
    lines = [ctx.t("sv_summary", title=found.title, closed=ctx.when(closed, "day"),
                   segment=describe_segment(ctx, surveys.segment_of(survey_round)),
                   responded=found.responded, invited=found.invited, rate=found.rate,
                   finished=found.finished)]
    buttons: list[list[Button]] = []
    concern_index = 0
    has_open = False
    for number, result in enumerate(found.results, 1):
        lines.append(ctx.t("sv_summary_question", number=number, text=result.question.text))
        if result.question.kind == surveys.OPEN:
            has_open = has_open or bool(result.open_answers)
            for answer in result.open_answers:
                if answer.concern:
                    concern_index += 1
                    lines.append(ctx.t("sv_summary_open_concern", index=concern_index,
                                       text=answer.text, words=", ".join(answer.concern)))
                    buttons.append([ctx.button(ctx.t("sv_button_signal", index=concern_index),
                                               "surveys.signal", answer=answer.answer_id)])
                else:
                    lines.append(ctx.t("sv_summary_open", text=answer.text))
        for tally in result.tallies:
            lines.append(ctx.t("sv_summary_tally", label=tally.label,
                               total=surveys.shown(tally.total),
                               formal=surveys.shown(tally.formal),
                               informal=surveys.shown(tally.informal)))
        if not result.answered:
            lines.append(ctx.t("sv_summary_no_answers"))
    if has_open:
        lines.append(ctx.t("sv_summary_open_note"))
    if survey_round.loop_broadcast_id is None:
        buttons.append([ctx.button(ctx.t("sv_button_loop"), "surveys.loop",
                                   round=survey_round.id)])
    if can(ctx.user.role, Capability.PLAN_MEETINGS):  # a result turned into an action
        buttons.append([ctx.button(ctx.t("sv_button_meeting"), "mt.new")])
    return Reply("\n".join(lines), tuple(tuple(row) for row in buttons), protect=True)


def on_signal(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Open the signal flow with the answer as its facts: a draft to review, never saved
    without the coordinator's Opslaan."""
    answer = surveys.open_answer(ctx.session, int(payload.data.get("answer") or 0))
    if answer is None:
        return [ctx.reply("sv_answer_gone")]
    replies = signals.start(ctx, answer.text)
    if not replies:
        return replies
    return [replies[0].prefixed(ctx.t("sv_signal_intro")), *replies[1:]]


def on_loop(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    survey_round = ctx.session.get(SurveyRound, int(payload.data.get("round") or 0))
    if survey_round is None or survey_round.id is None:
        return [ctx.reply("sv_round_gone")]
    if survey_round.loop_broadcast_id is not None:
        return [ctx.reply("sv_loop_already")]
    count = len(surveys.loop_recipients(ctx.session, survey_round.id))
    if count == 0:
        return [ctx.reply("sv_loop_nobody")]
    ctx.set_state(LOOP_FLOW, "text", {"round": survey_round.id})
    return [ctx.reply("sv_loop_ask", count=count)]


def on_loop_text(ctx: Ctx, _step: str, data: dict[str, Any], text: str) -> list[Reply]:
    if contains_bsn(text):
        return [ctx.reply("pt_bsn")]
    survey_round = ctx.session.get(SurveyRound, int(data.get("round") or 0))
    if survey_round is None or survey_round.id is None:
        ctx.clear_state()
        return [ctx.reply("sv_round_gone")]
    survey = ctx.session.get(Survey, survey_round.survey_id)
    header = ctx.t("sv_loop_header", title=survey.title if survey else "")
    message = f"{header}\n\n{text.strip()[:partners.MAX_TEXT - len(header) - 2]}"
    draft = secrets.token_urlsafe(6)
    ctx.set_state(LOOP_FLOW, "preview", {**data, "text": message, "draft": True,
                                         "draft_id": draft})
    count = len(surveys.loop_recipients(ctx.session, survey_round.id))
    rows = [[ctx.button(ctx.t("pt_button_send"), "surveys.loop_send", draft=draft),
             ctx.button(ctx.t("button_cancel"), "surveys.cancel", draft=draft)]]
    return [ctx.reply("sv_loop_preview", rows, count=count, message=message)]


def on_loop_send(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(LOOP_FLOW, payload)
    if data is None or not ctx.claim(payload):
        return [ctx.reply("sv_gone")]
    ctx.clear_state()
    survey_round = ctx.session.get(SurveyRound, int(data.get("round") or 0))
    if survey_round is None:
        return [ctx.reply("sv_round_gone")]
    if survey_round.loop_broadcast_id is not None:
        return [ctx.reply("sv_loop_already")]
    broadcast = surveys.close_the_loop(ctx.session, survey_round, ctx.user, str(data["text"]),
                                       ctx.now, ctx.tz)
    if broadcast is None or broadcast.id is None:
        return [ctx.reply("sv_loop_nobody")]
    count = sum(partners.results(ctx.session, broadcast.id).values())
    rows = [[ctx.button(ctx.t("pt_button_results"), "partners.results", broadcast=broadcast.id)]]
    return [ctx.reply("sv_loop_sent", rows, count=count)]


# --- answering (partner) ---------------------------------------------------------------------


def my_surveys(ctx: Ctx, _args: str) -> list[Reply]:
    """A partner's open rounds: carry on where they were."""
    if not partners.may_receive(ctx.session, ctx.user):
        return [ctx.reply("sv_none_open")]
    waiting = surveys.open_for(ctx.session, ctx.user, ctx.now)
    if not waiting:
        return [ctx.reply("sv_none_open")]
    return [_intro(ctx, waiting[0]), *_ask(ctx, waiting[0])]


def _intro(ctx: Ctx, participant: SurveyParticipant) -> Reply:
    survey_round = surveys.round_of(ctx.session, participant)
    survey = ctx.session.get(Survey, survey_round.survey_id)
    return ctx.reply("sv_intro", title=survey.title if survey else "",
                     questions=len(surveys.questions(ctx.session, survey_round.survey_id)),
                     deadline=ctx.when(survey_round.deadline, "minute"))


def _ask(ctx: Ctx, participant: SurveyParticipant) -> list[Reply]:
    """The question the partner is on, with its buttons; thanks when they are done."""
    question = surveys.current(ctx.session, participant)
    if question is None:
        _leave_answering(ctx)
        return [ctx.reply("sv_thanks")]
    assert question.id is not None
    total = len(surveys.questions(ctx.session, surveys.round_of(ctx.session,
                                                                 participant).survey_id))
    values = {"number": question.position + 1, "total": total, "text": question.text}
    data = {"participant": participant.id, "question": question.id}
    rows: list[list[Button]] = []
    key = "sv_question"
    if question.kind == surveys.ONE:
        rows = [[ctx.button(label, "surveys.choose", **data, option=i)]
                for i, label in enumerate(question.options)]
    elif question.kind == surveys.MANY:
        key = "sv_question_many"
        answer = surveys.answer_of(ctx.session, participant.id or 0, question.id)
        ticked = set(answer.choices) if answer is not None else set()
        rows = [[ctx.button(ctx.t("sv_ticked", label=label) if i in ticked else label,
                            "surveys.choose", **data, option=i)]
                for i, label in enumerate(question.options)]
        rows.append([ctx.button(ctx.t("sv_button_done"), "surveys.done", **data)])
    elif question.kind == surveys.SCALE:
        rows = [[ctx.button(str(v), "surveys.rate", **data, value=v)
                 for v in surveys.SCALE_VALUES]]
    else:
        key = "sv_question_open"
        ctx.set_state(ANSWER_FLOW, "text", data)
        if question.optional:
            rows = [[ctx.button(ctx.t("sv_button_skip"), "surveys.skip", **data)]]
    return [ctx.reply(key, rows, **values)]


def _participant(ctx: Ctx, data: dict[str, Any]) -> SurveyParticipant | None:
    if not partners.may_receive(ctx.session, ctx.user):
        return None
    return surveys.participant_of(ctx.session, ctx.user, int(data.get("participant") or 0))


def _after(ctx: Ctx, participant: SurveyParticipant, outcome: surveys.Outcome) -> list[Reply]:
    if outcome is surveys.Outcome.CLOSED:
        _leave_answering(ctx)
        return [ctx.reply("sv_closed")]
    if outcome is surveys.Outcome.STALE:
        asked = _ask(ctx, participant)
        return [asked[0].prefixed(ctx.t("sv_stale"))] if asked else asked
    if outcome is surveys.Outcome.EMPTY:
        return [ctx.reply("sv_pick_one")]
    return _ask(ctx, participant)


def on_choose(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    participant = _participant(ctx, payload.data)
    if participant is None:
        return [ctx.reply("stale_button")]
    outcome = surveys.choose(ctx.session, participant, int(payload.data.get("question") or 0),
                             int(payload.data.get("option") or 0), ctx.now)
    return _after(ctx, participant, outcome)


def on_done(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    participant = _participant(ctx, payload.data)
    if participant is None:
        return [ctx.reply("stale_button")]
    outcome = surveys.done(ctx.session, participant, int(payload.data.get("question") or 0),
                           ctx.now)
    return _after(ctx, participant, outcome)


def on_rate(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    participant = _participant(ctx, payload.data)
    if participant is None:
        return [ctx.reply("stale_button")]
    outcome = surveys.rate(ctx.session, participant, int(payload.data.get("question") or 0),
                           int(payload.data.get("value") or 0), ctx.now)
    return _after(ctx, participant, outcome)


def on_skip(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    participant = _participant(ctx, payload.data)
    if participant is None:
        return [ctx.reply("stale_button")]
    outcome = surveys.skip(ctx.session, participant, int(payload.data.get("question") or 0),
                           ctx.now)
    return _after(ctx, participant, outcome)


def on_answer_text(ctx: Ctx, _step: str, data: dict[str, Any], text: str) -> list[Reply]:
    """A typed open answer; a BSN is refused and the question stays open."""
    participant = _participant(ctx, data)
    if participant is None:
        ctx.clear_state()
        return [ctx.reply("sv_none_open")]
    if contains_bsn(text):
        return [ctx.reply("sv_bsn")]
    result = guarded(ctx, text)
    outcome = surveys.write(ctx.session, participant, int(data.get("question") or 0),
                            result.text, ctx.now)
    if outcome is surveys.Outcome.EMPTY:
        return noted(ctx, result, [ctx.reply("sv_open_empty")])
    return noted(ctx, result, _after(ctx, participant, outcome))


# --- rendering what the outbox owes ----------------------------------------------------------


def _owed_participant(ctx: Ctx, row: Outbox) -> SurveyParticipant | None:
    """The partner's place in a round still open, when they may receive it now."""
    if row.ref_id is None or not partners.may_receive(ctx.session, ctx.user):
        return None
    participant = surveys.participant_of(ctx.session, ctx.user, row.ref_id)
    if participant is None or participant.finished_at is not None:
        return None
    if not surveys.is_open(surveys.round_of(ctx.session, participant), ctx.now):
        return None
    return participant


def render_question(ctx: Ctx, row: Outbox) -> Reply | None:
    participant = _owed_participant(ctx, row)
    if participant is None:
        return None
    asked = _ask(ctx, participant)
    return asked[0].prefixed(_intro(ctx, participant).text) if asked else None


def render_reminder(ctx: Ctx, row: Outbox) -> Reply | None:
    participant = _owed_participant(ctx, row)
    if participant is None:
        return None
    survey_round = surveys.round_of(ctx.session, participant)
    survey = ctx.session.get(Survey, survey_round.survey_id)
    asked = _ask(ctx, participant)
    reminder = ctx.t("sv_reminder", title=survey.title if survey else "",
                     deadline=ctx.when(survey_round.deadline, "minute"))
    return asked[0].prefixed(reminder) if asked else None


def render_summary(ctx: Ctx, row: Outbox) -> Reply | None:
    if row.ref_id is None or not _can_run(ctx):
        return None
    return summary_reply(ctx, row.ref_id)


def _can_run(ctx: Ctx) -> bool:
    return can(ctx.user.role, Capability.RUN_SURVEYS)


def _leave_answering(ctx: Ctx) -> None:
    state = ctx.state()
    if state is not None and state.flow == ANSWER_FLOW:
        ctx.clear_state()


def _cron_label(ctx: Ctx, cron: str) -> str:
    if cron == surveys.DEFAULT_CRON:
        return ctx.t("sv_cron_quarterly")
    return ctx.t("sv_cron_custom", cron=cron)


def _end_of(ctx: Ctx, moment: datetime) -> datetime:
    return datetime.combine(moment.astimezone(ctx.tz).date(), DEADLINE_AT, tzinfo=ctx.tz)


RENDERERS = {
    surveys.QUESTION: render_question,
    surveys.REMINDER: render_reminder,
    surveys.SUMMARY: render_summary,
}


FEATURE = Feature(
    commands=(
        Command(("peiling", "survey", "peilingen", "behoeftepeiling"), Capability.RUN_SURVEYS,
                survey_command, "cmd_peiling"),
        Command(("mijn_peilingen", "my_surveys", "mijnpeilingen"), Capability.ANSWER_SURVEYS,
                my_surveys, "cmd_mijn_peilingen"),
    ),
    buttons={
        "surveys.new": (Capability.RUN_SURVEYS, on_new),
        "surveys.template": (Capability.RUN_SURVEYS, on_template),
        "surveys.segment": (Capability.RUN_SURVEYS, on_segment),
        "surveys.deadline": (Capability.RUN_SURVEYS, on_deadline),
        "surveys.send": (Capability.RUN_SURVEYS, on_send),
        "surveys.schedule": (Capability.RUN_SURVEYS, on_schedule),
        "surveys.unplan": (Capability.RUN_SURVEYS, on_unplan),
        "surveys.cancel": (Capability.RUN_SURVEYS, on_cancel),
        "surveys.rounds": (Capability.RUN_SURVEYS, on_rounds),
        "surveys.show": (Capability.RUN_SURVEYS, on_show),
        "surveys.signal": (Capability.LOG_SIGNAL, on_signal),
        "surveys.loop": (Capability.RUN_SURVEYS, on_loop),
        "surveys.loop_send": (Capability.RUN_SURVEYS, on_loop_send),
        "surveys.choose": (Capability.ANSWER_SURVEYS, on_choose),
        "surveys.done": (Capability.ANSWER_SURVEYS, on_done),
        "surveys.rate": (Capability.ANSWER_SURVEYS, on_rate),
        "surveys.skip": (Capability.ANSWER_SURVEYS, on_skip),
    },
    text_flows={
        SETUP_FLOW: on_setup_text,
        ANSWER_FLOW: on_answer_text,
        LOOP_FLOW: on_loop_text,
    },
)
