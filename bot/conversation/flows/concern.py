"""Handing over a concern about one person (/zorg): a guided handoff, not a file.

Every answer is a button except the short facts and the other organisation's reference.
Names, addresses, phone numbers, e-mail addresses and BSNs are refused with an explanation
(design.md §2.2): what stays is a handoff record without a name, and its facts are wiped
automatically a set term after feedback came. /overdrachten lists the handoffs waiting for
feedback and the counts that remain.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.flows import signals as sig
from bot.conversation.routing import Command, Feature
from core import referrals as core
from core.permissions import Capability
from core.referrals import ReferralDraft
from core.understanding import MAX_MESSAGE
from storage.models import Area, ButtonPayload, Referral

FLOW = "concern"
STEPS = ("area", "age_band", "nature", "facts", "referred_to", "external_reference",
         "feedback_days")
SHOWN = 8


def start(ctx: Ctx, _args: str) -> list[Reply]:
    data = {"draft_id": secrets.token_urlsafe(6), "draft": ReferralDraft().model_dump(),
            "done": [], "carded": False}
    return _ask(ctx, data, "area", intro=True)


def on_start(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    """'Zorg over een persoon overdragen', offered where a signal turned out to be one."""
    return start(ctx, "")


# --- the questions ---------------------------------------------------------------------------


def _ask(ctx: Ctx, data: dict[str, Any], step: str, error: str | None = None,
         parent: int | None = None, intro: bool = False) -> list[Reply]:
    ctx.set_state(FLOW, step, data)
    draft_id = data["draft_id"]
    rows: list[list[Button]] = []
    key, values = f"zorg_ask_{step}", {}

    def button(label: str, **more: Any) -> Button:
        return ctx.button(label, "zorg.set", draft=draft_id, field=step, **more)

    if step == "area":
        rows = sig.area_rows(ctx, "zorg.area", parent, draft=draft_id)
        if parent is not None:
            area = ctx.session.get(Area, parent)
            key, values["district"] = "sig_ask_wijk", area.name if area else ""
    elif step == "age_band":
        rows = [[button(ctx.t(f"zorg_age_{a}"), value=a) for a in core.AGE_BANDS]]
    elif step == "nature":
        rows = [[button(ctx.t(f"zorg_nature_{n}"), value=n)] for n in core.NATURES]
    elif step == "referred_to":
        rows = [[button(ctx.t(f"zorg_dest_{d}"), value=d)] for d in core.DESTINATIONS]
    elif step == "external_reference":
        rows = [[button(ctx.t("zorg_button_no_reference"), value="")]]
    elif step == "feedback_days":
        rows = [[button(ctx.t("zorg_button_weeks", weeks=days // 7), value=days)
                 for days in core.FEEDBACK_CHECKS]]
    text = ctx.t(key, **values)
    if step in STEPS and not data.get("carded"):
        text = ctx.t("zorg_progress", step=STEPS.index(step) + 1, total=len(STEPS)) + "\n" + text
    if intro:
        text = ctx.t("zorg_intro") + "\n\n" + text
    if error:
        text = f"{error}\n\n{text}"
    return [Reply(text, tuple(tuple(r) for r in rows), protect=True)]


def _continue(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    if data.get("carded"):
        return [_card(ctx, data)]
    for step in STEPS:
        if step not in data["done"]:
            return _ask(ctx, data, step)
    return [_card(ctx, data)]


def _answered(ctx: Ctx, data: dict[str, Any], step: str, draft: ReferralDraft) -> list[Reply]:
    data["draft"] = draft.model_dump()
    if step not in data["done"]:
        data["done"] = [*data["done"], step]
    return _continue(ctx, data)


# --- answers ---------------------------------------------------------------------------------


def on_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    text = " ".join(text.strip()[:MAX_MESSAGE].split())
    draft = _draft(data)
    if step in ("facts", "external_reference"):
        findings = core.screen_for(ctx.session, text)
        if findings:
            explanation = sig.refusal_text(ctx, findings) + "\n\n" + ctx.t("zorg_refused_how")
            return _ask(ctx, data, step, explanation)
    if step == "facts":
        if sum(c.isalpha() for c in text) < 10:
            return _ask(ctx, data, step, ctx.t("zorg_facts_too_short"))
        if len(text) > core.MAX_FACTS:
            return _ask(ctx, data, step, ctx.t("zorg_facts_too_long", limit=core.MAX_FACTS))
        draft.facts = text
        return _answered(ctx, data, step, draft)
    if step == "external_reference":
        if len(text) > core.MAX_REFERENCE:
            return _ask(ctx, data, step, ctx.t("zorg_reference_too_long",
                                               limit=core.MAX_REFERENCE))
        draft.external_reference = text
        return _answered(ctx, data, step, draft)
    if step == "area":
        area = sig.find_area(ctx, text)
        if area is None:
            return _ask(ctx, data, step, ctx.t("sig_area_unknown", text=text))
        draft.area_id = area.id
        return _answered(ctx, data, step, draft)
    if step == "card":
        return [_card(ctx, data).prefixed(ctx.t("zorg_card_waiting"))]
    return _ask(ctx, data, step, ctx.t("reg_choose_button"))


def on_area(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("zorg_draft_gone")]
    area, final = sig.area_from_payload(ctx, payload)
    if area is None:
        return [ctx.reply("stale_button")]
    if not final:
        return _ask(ctx, data, "area", parent=area.id)
    draft = _draft(data)
    draft.area_id = area.id
    return _answered(ctx, data, "area", draft)


def on_set(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    field, value = str(payload.data.get("field")), payload.data.get("value")
    allowed: dict[str, tuple[Any, ...]] = {
        "age_band": core.AGE_BANDS, "nature": core.NATURES, "referred_to": core.DESTINATIONS,
        "external_reference": ("",), "feedback_days": core.FEEDBACK_CHECKS,
    }
    if data is None or field not in allowed or value not in allowed[field]:
        return [ctx.reply("zorg_draft_gone")]
    draft = _draft(data)
    setattr(draft, field, value if field != "external_reference" else None)
    return _answered(ctx, data, field, draft)


def on_edit(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("zorg_draft_gone")]
    rows = sig.grid([ctx.button(ctx.t(f"zorg_field_{s}"), "zorg.field", draft=data["draft_id"],
                                field=s) for s in STEPS], 3)
    rows.append([ctx.button(ctx.t("button_back"), "zorg.back", draft=data["draft_id"])])
    return [ctx.reply("zorg_edit_menu", rows)]


def on_field(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    field = str(payload.data.get("field"))
    if data is None or field not in STEPS:
        return [ctx.reply("zorg_draft_gone")]
    return _ask(ctx, data, field)


def on_back(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("zorg_draft_gone")]
    return [_card(ctx, data)]


def on_cancel(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload) or ctx.open_draft(FLOW, payload) is None:
        return [ctx.reply("zorg_draft_gone")]
    ctx.clear_state()
    return [ctx.reply("zorg_cancelled")]


def on_save(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    data = ctx.open_draft(FLOW, payload)
    if data is None:
        return [ctx.reply("zorg_draft_gone")]
    draft = _draft(data)
    if draft.missing():
        return _continue(ctx, data)
    referral = core.save_referral(ctx.session, draft, ctx.user, ctx.now,
                                  ctx.t("zorg_follow_up_title",
                                        dest=ctx.t(f"zorg_dest_{draft.referred_to}")))
    ctx.clear_state()
    assert referral.id is not None
    return [ctx.reply("zorg_saved", ref=core.reference(referral.id),
                      dest=ctx.t(f"zorg_dest_{referral.referred_to}"),
                      when=ctx.when_date(referral.feedback_check_on),
                      days=core.DEFAULT_RETENTION.after_feedback.days)]


def _card(ctx: Ctx, data: dict[str, Any]) -> Reply:
    data["carded"] = True
    ctx.set_state(FLOW, "card", data)
    draft, draft_id = _draft(data), data["draft_id"]
    lines = [ctx.t("zorg_card_title"), "", *_describe(ctx, draft)]
    rows = [ctx.confirm_row("zorg", draft_id)]
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows), protect=True)


def _describe(ctx: Ctx, item: ReferralDraft | Referral) -> list[str]:
    area = ctx.session.get(Area, item.area_id) if item.area_id else None
    none = ctx.t("reg_none")
    lines = [
        ctx.t("zorg_line_area", value=area.name if area else none),
        ctx.t("zorg_line_age", value=ctx.t(f"zorg_age_{item.age_band}") if item.age_band
              else none),
        ctx.t("zorg_line_nature", value=ctx.t(f"zorg_nature_{item.nature}") if item.nature
              else none),
        ctx.t("zorg_line_facts", value=item.facts or ctx.t("zorg_facts_purged")
              if isinstance(item, Referral) else item.facts or none),
        ctx.t("zorg_line_dest", value=ctx.t(f"zorg_dest_{item.referred_to}")
              if item.referred_to else none),
        ctx.t("zorg_line_reference", value=item.external_reference or none),
    ]
    if isinstance(item, ReferralDraft):
        lines.append(ctx.t("zorg_line_feedback", weeks=item.feedback_days // 7))
    return lines


# --- the handoffs afterwards -----------------------------------------------------------------


def list_handoffs(ctx: Ctx, _args: str) -> list[Reply]:
    """`/overdrachten`: the counts that remain, and the handoffs still waiting on something."""
    counted = core.counts(ctx.session, ctx.now.date() - timedelta(days=365))
    lines = [ctx.t("zorg_list_title", total=counted.total, feedback=counted.with_feedback,
                   waiting=counted.waiting)]
    waiting = [r for r in core.visible_referrals(ctx.session, ctx.user) if r.purged_at is None]
    rows: list[list[Button]] = []
    if waiting:
        lines += ["", ctx.t("zorg_list_open")]
    for referral in waiting[:SHOWN]:
        assert referral.id is not None
        lines.append(_line(ctx, referral))
        rows.append([ctx.button(core.reference(referral.id), "zorg.show",
                                referral=referral.id)])
    if len(waiting) > SHOWN:
        lines.append(ctx.t("more_follow_ups", count=len(waiting) - SHOWN))
    if not counted.total and not waiting:
        lines += ["", ctx.t("zorg_list_empty")]
    return [Reply("\n".join(lines), tuple(tuple(r) for r in sig.grid(
        [b for r in rows for b in r], 4)), protect=True)]


def _line(ctx: Ctx, referral: Referral) -> str:
    assert referral.id is not None
    area = ctx.session.get(Area, referral.area_id)
    common = {"ref": core.reference(referral.id), "when": ctx.when_date(referral.referred_on),
              "area": area.name if area else "", "dest": ctx.t(f"zorg_dest_{referral.referred_to}")}
    if referral.feedback_received_on is None:
        return ctx.t("zorg_line_waiting", check=ctx.when_date(referral.feedback_check_on),
                     **common)
    assert referral.purge_on is not None
    return ctx.t("zorg_line_to_purge", purge=ctx.when_date(referral.purge_on), **common)


def on_show(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    return [_show(ctx, int(payload.data["referral"]))]


def _show(ctx: Ctx, referral_id: int, note: str | None = None) -> Reply:
    referral = core.referral_for(ctx.session, referral_id, ctx.user)
    if referral is None:
        return ctx.reply("zorg_gone")
    lines = [ctx.t("zorg_title", ref=core.reference(referral_id),
                   when=ctx.when_date(referral.referred_on)), "", *_describe(ctx, referral)]
    if referral.feedback_received_on is None:
        lines.append(ctx.t("zorg_status_waiting", when=ctx.when_date(referral.feedback_check_on)))
    elif referral.purged_at is None and referral.purge_on is not None:
        lines.append(ctx.t("zorg_status_feedback",
                           when=ctx.when_date(referral.feedback_received_on),
                           purge=ctx.when_date(referral.purge_on)))
    else:
        lines.append(ctx.t("zorg_status_purged"))
    if note:
        lines = [note, "", *lines]
    rows: list[list[Button]] = []
    if referral.feedback_received_on is None:
        rows.append([ctx.button(ctx.t("zorg_button_feedback"), "zorg.feedback",
                                referral=referral_id)])
    if referral.purged_at is None:
        rows.append([ctx.button(ctx.t("zorg_button_purge"), "zorg.purge", referral=referral_id)])
    return Reply("\n".join(lines), tuple(tuple(r) for r in rows), protect=True)


def on_feedback(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    referral_id = int(payload.data["referral"])
    outcome, referral = core.record_feedback(ctx.session, referral_id, ctx.user, ctx.now)
    if outcome is core.Outcome.NOT_FOUND or referral is None:
        return [ctx.reply("zorg_gone")]
    if outcome is core.Outcome.ALREADY:
        return [_show(ctx, referral_id, ctx.t("already_handled"))]
    assert referral.purge_on is not None
    return [_show(ctx, referral_id, ctx.t("zorg_feedback_saved",
                                          ref=core.reference(referral_id),
                                          when=ctx.when_date(referral.purge_on)))]


def on_purge(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    referral_id = int(payload.data["referral"])
    outcome = core.purge_now(ctx.session, referral_id, ctx.user, ctx.now)
    if outcome is core.Outcome.NOT_FOUND:
        return [ctx.reply("zorg_gone")]
    return [_show(ctx, referral_id, ctx.t("zorg_purged", ref=core.reference(referral_id)))]


def _draft(data: dict[str, Any]) -> ReferralDraft:
    return ReferralDraft.model_validate(data["draft"])




FEATURE = Feature(
    commands=(
        Command(("zorg", "concern"), Capability.HAND_OVER_CONCERN, start, "zorg_cmd_zorg"),
        Command(("overdrachten", "handoffs", "zorgen", "concerns"),
                Capability.HAND_OVER_CONCERN, list_handoffs),
    ),
    buttons={
        "concern.start": (Capability.HAND_OVER_CONCERN, on_start),
        "zorg.area": (Capability.HAND_OVER_CONCERN, on_area),
        "zorg.set": (Capability.HAND_OVER_CONCERN, on_set),
        "zorg.edit": (Capability.HAND_OVER_CONCERN, on_edit),
        "zorg.field": (Capability.HAND_OVER_CONCERN, on_field),
        "zorg.back": (Capability.HAND_OVER_CONCERN, on_back),
        "zorg.cancel": (Capability.HAND_OVER_CONCERN, on_cancel),
        "zorg.save": (Capability.HAND_OVER_CONCERN, on_save),
        "zorg.show": (Capability.HAND_OVER_CONCERN, on_show),
        "zorg.feedback": (Capability.HAND_OVER_CONCERN, on_feedback),
        "zorg.purge": (Capability.HAND_OVER_CONCERN, on_purge),
    },
    text_flows={FLOW: on_text},
)
