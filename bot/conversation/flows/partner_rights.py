"""A partner's own rights in the chat: `/mijngegevens` (a copy of what is kept about them, as
readable text and JSON), `/verwijderverzoek` and `/correctie` (a request, with an optional
short explanation, that reaches whoever handles it with buttons into /wissen, the register's
edit flow and /inzage, and **Afgehandeld**).

None of this waits for the partner's Akkoord: the rights exist whether or not they agreed.
The rules live in core.partner_rights; the readable copy reuses the coordinators' /inzage text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bot.conversation.context import Ctx
from bot.conversation.events import Attachment, Button, Reply
from bot.conversation.flows.privacy import readable_text
from bot.conversation.guard import guarded, noted
from bot.conversation.routing import Command, Feature
from core import partner_rights, partners
from core.contacts import organisations_of
from core.partner_rights import Kind
from core.permissions import Capability, allows, visible_networks
from core.understanding import contains_bsn
from storage.models import ButtonPayload, Contact, Outbox, SubjectRequest

FLOW = "rights.request"

# Typed text inside this flow is a partner's; the dispatcher gates it by this capability.
TEXT_FLOW_CAPABILITIES: dict[str, Capability] = {FLOW: Capability.REQUEST_CHANGE}


# --- /mijngegevens -----------------------------------------------------------------------------


def own_data_command(ctx: Ctx, _args: str) -> list[Reply]:
    """The partner's copy: readable text and JSON, both protected from forwarding."""
    document = partner_rights.own_data(ctx.session, ctx.user, ctx.now, ctx.tz)
    if document is None:
        return [ctx.reply("pt_not_linked")]
    stamp = ctx.now.astimezone(ctx.tz).date().isoformat()
    base = ctx.t("prr_file_name", date=stamp)
    machine = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    rows = [[ctx.button(ctx.t("prr_button_correction"), "rights.ask", kind=Kind.CORRECTION),
             ctx.button(ctx.t("prr_button_erasure"), "rights.ask", kind=Kind.ERASURE)]]
    return [
        Reply(ctx.t("prr_data_sent", interactions=len(document["interactions"]),
                    follow_ups=len(document["follow_ups"]), signals=len(document["signals"])),
              protect=True,
              file=Attachment(f"{base}.txt", own_readable_text(ctx, document).encode(),
                              "text/plain")),
        Reply(ctx.t("prr_data_json"), tuple(tuple(row) for row in rows), protect=True,
              file=Attachment(f"{base}.json", machine.encode(), "application/json")),
    ]


def own_readable_text(ctx: Ctx, document: dict[str, Any]) -> str:
    """The /inzage text, with a note where signal content was left out, then the partner's
    questions and requests, and what this copy leaves out and why."""
    withheld = ctx.t("prr_signal_withheld")
    shown = {**document, "signals": [{**s, "facts": withheld} for s in document["signals"]]}
    lines = [readable_text(ctx, shown).rstrip("\n"), "",
             ctx.t("prr_doc_questions", count=len(document["questions"]))]
    for item in document["questions"]:
        lines.append(ctx.t("prr_doc_question", date=_day(item["asked_at"]),
                           question=item["question"]))
        if item["answered_at"]:
            lines.append(ctx.t("prr_doc_answer", answer=item["answer"]))
    lines += ["", ctx.t("prr_doc_requests", count=len(document["requests"]))]
    for item in document["requests"]:
        state = (ctx.t("prr_doc_handled", date=_day(item["handled_at"])) if item["handled_at"]
                 else ctx.t("prr_doc_open", date=_day(item["due_on"])))
        lines.append(ctx.t(f"prr_doc_request_{item['kind']}", date=_day(item["requested_at"]),
                           state=state))
    lines += ["", ctx.t("prr_doc_withheld")]
    lines += [ctx.t(f"prr_doc_withheld_{code}") for code in document["withheld"]]
    return "\n".join(lines) + "\n"


def _day(iso: str) -> str:
    return f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]}"


# --- /verwijderverzoek and /correctie ----------------------------------------------------------


def erasure_command(ctx: Ctx, args: str) -> list[Reply]:
    return _start(ctx, Kind.ERASURE, args)


def correction_command(ctx: Ctx, args: str) -> list[Reply]:
    return _start(ctx, Kind.CORRECTION, args)


def on_ask(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """The buttons under the copy: the same as the commands without a text."""
    kind = payload.data.get("kind")
    if kind not in {k.value for k in Kind}:
        return [ctx.reply("stale_button")]
    return _start(ctx, Kind(kind), "")


def _start(ctx: Ctx, kind: Kind, args: str) -> list[Reply]:
    if partners.contact_of(ctx.session, ctx.user) is None:
        return [ctx.reply("pt_not_linked")]
    if args.strip():
        return _submit(ctx, kind, args)
    ctx.set_state(FLOW, kind.value, {})
    button = ctx.button(ctx.t("prr_button_send_plain"), "rights.send", kind=kind.value)
    return [ctx.reply(f"prr_ask_{kind}", [[button]])]


def on_text(ctx: Ctx, step: str, _data: dict[str, Any], text: str) -> list[Reply]:
    if step not in {k.value for k in Kind}:
        ctx.clear_state()
        return [ctx.reply("stale_button")]
    return _submit(ctx, Kind(step), text)


def on_send(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Versturen zonder toelichting; pressed after the request went (typed), it sends none."""
    state = ctx.state()
    kind = payload.data.get("kind")
    if state is None or state.flow != FLOW or state.step != kind or not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    return _submit(ctx, Kind(state.step), "")


def _submit(ctx: Ctx, kind: Kind, text: str) -> list[Reply]:
    if contains_bsn(text):
        ctx.set_state(FLOW, kind.value, {})  # the request stays open for a text without it
        return [ctx.reply("pt_bsn")]
    ctx.clear_state()
    own = partners.contact_of(ctx.session, ctx.user)
    guard = guarded(ctx, text, [own.display_name] if own else [])
    done = partner_rights.request(ctx.session, ctx.user, kind, guard.text, ctx.now, ctx.tz)
    if done is None:
        return [ctx.reply("pt_not_linked")]
    row = done.request
    when = ctx.when_date(row.requested_at.astimezone(ctx.tz).date())
    key = f"prr_received_{kind}" if done.new else f"prr_already_{kind}"
    return noted(ctx, guard, [ctx.reply(key, date=when, due=ctx.when_date(row.due_on))])


# --- the request, for whoever handles it -------------------------------------------------------


def render_request(ctx: Ctx, row: Outbox) -> Reply | None:
    """A partner's request with the buttons that act on it; nothing once it is handled or the
    contact is gone. Wissen only for those who may erase (admins)."""
    request = ctx.session.get(SubjectRequest, row.ref_id) if row.ref_id else None
    if request is None or request.handled_at is not None or request.contact_id is None:
        return None
    contact = ctx.session.get(Contact, request.contact_id)
    if contact is None or contact.network not in visible_networks(ctx.user):
        return None
    organisations = [o.name for o, _function in organisations_of(ctx.session, request.contact_id)]
    buttons: list[Button] = []
    note = ""
    if request.kind == Kind.ERASURE:
        if allows(ctx.user, Capability.ERASE_CONTACTS):
            buttons.append(ctx.button(ctx.t("prr_button_erase"), "privacy.erase",
                                      contact=contact.id))
        else:
            note = "\n\n" + ctx.t("prr_admins_erase")
    elif allows(ctx.user, Capability.LOG_VISIT):
        buttons.append(ctx.button(ctx.t("prr_button_edit"), "reg.edit", contact=contact.id))
    if allows(ctx.user, Capability.SUBJECT_RIGHTS):
        buttons.append(ctx.button(ctx.t("prr_button_export"), "privacy.export",
                                  contact=contact.id))
    rows = [buttons, [ctx.button(ctx.t("prr_button_done"), "rights.done", request=request.id)]]
    text = ctx.t(f"prr_in_{request.kind}", name=contact.display_name,
                 organisation=f" ({', '.join(organisations)})" if organisations else "",
                 date=ctx.when_date(request.requested_at.astimezone(ctx.tz).date()),
                 due=ctx.when_date(request.due_on))
    if request.text:
        text += "\n" + ctx.t("prr_in_text", text=request.text)
    return Reply(text + note, tuple(tuple(r) for r in rows if r), protect=True)


def on_done(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    request = ctx.session.get(SubjectRequest, int(payload.data.get("request") or 0))
    if request is None:
        return [ctx.reply("stale_button")]
    if not partner_rights.mark_handled(ctx.session, int(request.id or 0), ctx.user, ctx.now):
        return [ctx.reply("prr_done_already")]
    return [ctx.reply("prr_done")]


def render_handled(ctx: Ctx, row: Outbox) -> Reply | None:
    """To the partner: their request was handled (also without Akkoord: it answers them)."""
    request = ctx.session.get(SubjectRequest, row.ref_id) if row.ref_id else None
    if request is None or request.requested_by_user_id != ctx.user_id:
        return None
    return ctx.reply(f"prr_handled_{request.kind}",
                     date=ctx.when_date(request.requested_at.astimezone(ctx.tz).date()))


RENDERERS: dict[str, Callable[[Ctx, Outbox], Reply | None]] = {
    partner_rights.REQUEST: render_request,
    partner_rights.HANDLED: render_handled,
}


FEATURE = Feature(
    commands=(
        Command(("mijngegevens", "mydata", "mijn_gegevens"), Capability.OWN_DATA,
                own_data_command, "cmd_mijngegevens"),
        Command(("verwijderverzoek", "erasure", "verwijderen"), Capability.REQUEST_CHANGE,
                erasure_command, "cmd_verwijderverzoek"),
        Command(("correctie", "correction", "corrigeren"), Capability.REQUEST_CHANGE,
                correction_command, "cmd_correctie"),
    ),
    buttons={
        "rights.ask": (Capability.REQUEST_CHANGE, on_ask),
        "rights.send": (Capability.REQUEST_CHANGE, on_send),
        "rights.done": (Capability.SUBJECT_RIGHTS, on_done),
    },
    text_flows={FLOW: on_text},
)
