"""Partners on the bot: `/uitnodigen` (a contact from the register as partner), the privacy
notice with **Akkoord**, `/vraag` (a partner's question, answered with **Beantwoorden**) and
`/informeer` (a message to a segment of partners, previewed with its recipient count).

The rules (who may receive, who answers, what is logged) live in core.partners; the renderers
at the bottom turn the outbox rows of these kinds into messages, and send nothing to a partner
who has not agreed.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from bot.conversation.context import Ctx
from bot.conversation.events import Attachment, Button, IncomingFile, Reply
from bot.conversation.guard import guarded, noted
from bot.conversation.routing import Command, Feature
from core import partners
from core.access import INVITE_TTL
from core.areas import all_areas
from core.contacts import find_contacts, organisations_of
from core.organisations import BY_CODE
from core.permissions import Capability, can, visible_networks
from core.understanding import contains_bsn
from storage.models import (
    Area,
    Broadcast,
    BroadcastRecipient,
    ButtonPayload,
    Contact,
    Network,
    Outbox,
    PartnerQuestion,
)

INVITE_FLOW = "partners.invite"
QUESTION_FLOW = "partners.question"
ANSWER_FLOW = "partners.answer"
INFORM_FLOW = "partners.inform"

FileHandler = Callable[[Ctx, str, dict[str, Any], IncomingFile, str], list[Reply]]

# Typed text inside these flows is gated by its own capability (a partner has no LOG_VISIT,
# and a coordinator demoted mid-flow must not finish an answer or a broadcast).
TEXT_FLOW_CAPABILITIES: dict[str, Capability] = {
    INVITE_FLOW: Capability.INVITE_PARTNERS,
    QUESTION_FLOW: Capability.ASK_QUESTION,
    ANSWER_FLOW: Capability.INFORM_PARTNERS,
    INFORM_FLOW: Capability.INFORM_PARTNERS,
}


# --- /uitnodigen ------------------------------------------------------------------------------


def invite_command(ctx: Ctx, args: str) -> list[Reply]:
    if not args.strip():
        ctx.set_state(INVITE_FLOW, "name", {})
        return [ctx.reply("pt_invite_ask")]
    return _invite_choices(ctx, args)


def on_invite_text(ctx: Ctx, _step: str, _data: dict[str, Any], text: str) -> list[Reply]:
    return _invite_choices(ctx, text)


def _invite_choices(ctx: Ctx, query: str) -> list[Reply]:
    found = find_contacts(ctx.session, query, networks=visible_networks(ctx.user))
    if not found:
        ctx.set_state(INVITE_FLOW, "name", {})  # the question stays open for another try
        return [ctx.reply("pt_invite_none", name=query.strip()[:60])]
    ctx.clear_state()
    rows = [[ctx.button(_label(ctx, contact), "partners.invite", contact=contact.id)]
            for contact, _score in found]
    return [ctx.reply("pt_invite_choose", rows)]


def on_invite(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Make the invite for the chosen contact; a second press of the button makes none."""
    contact = _visible_contact(ctx, payload.data.get("contact"))
    if contact is None:
        return [ctx.reply("stale_button")]
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    result = partners.invite_partner(ctx.session, contact, ctx.user, ctx.now)
    if isinstance(result, partners.InviteError):
        return [ctx.reply(f"pt_invite_{result}", name=contact.display_name)]
    until = ctx.when(ctx.now + INVITE_TTL, "minute")
    link = (ctx.t("pt_invite_link", username=ctx.telegram_username, token=result)
            if ctx.telegram_username else "")  # no Telegram bot running: no link to give
    return [Reply(ctx.t("pt_invite_made", name=contact.display_name, until=until,
                        token=result, link=link), protect=True)]


# --- the notice and Akkoord (partner) ----------------------------------------------------------


def welcome(ctx: Ctx) -> list[Reply]:
    """What a partner sees on redeeming the invite: who we are, what we record, why, how
    long, their rights — and the Akkoord button."""
    contact = partners.contact_of(ctx.session, ctx.user)
    if contact is None:
        return [ctx.reply("welcome_partner")]
    return [notice(ctx, contact)]


def notice(ctx: Ctx, contact: Contact) -> Reply:
    first = contact.display_name.split()[0] if contact.display_name.strip() else ""
    return ctx.reply(
        "pt_notice", [[ctx.button(ctx.t("pt_button_agree"), "partners.agree")]],
        name=f", {first}" if first else "",
        interactions=ctx.t("pt_years", count=ctx.options.retention.interactions_years),
        stopped=_duration(ctx, ctx.options.retention.stopped_contacts_days),
    )


def on_agree(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    contact = partners.contact_of(ctx.session, ctx.user)
    if contact is None:
        return [ctx.reply("pt_not_linked")]
    if contact.agreed_on is not None:
        return [ctx.reply("pt_already_agreed", date=ctx.when_date(contact.agreed_on))]
    today = ctx.now.astimezone(ctx.tz).date()
    partners.agree(ctx.session, ctx.user, today, ctx.now)
    return [ctx.reply("pt_agreed", date=ctx.when_date(today))]


# --- /vraag (partner) and Beantwoorden (coordinator) -------------------------------------------


def question_command(ctx: Ctx, args: str) -> list[Reply]:
    refused = _not_agreed(ctx)
    if refused is not None:
        return refused
    if not args.strip():
        ctx.set_state(QUESTION_FLOW, "text", {})
        return [ctx.reply("pt_question_ask")]
    return _ask(ctx, args)


def on_question_text(ctx: Ctx, _step: str, _data: dict[str, Any], text: str) -> list[Reply]:
    return _ask(ctx, text)


def _ask(ctx: Ctx, text: str) -> list[Reply]:
    if contains_bsn(text):
        ctx.clear_state()
        return [ctx.reply("pt_bsn")]
    own = partners.contact_of(ctx.session, ctx.user)
    guard = guarded(ctx, text, [own.display_name] if own else [])
    result = partners.ask(ctx.session, ctx.user, guard.text, ctx.now)
    if result is partners.QuestionError.EMPTY:
        return noted(ctx, guard, [ctx.reply("pt_question_empty")])
    ctx.clear_state()
    if isinstance(result, partners.QuestionError):
        return _not_agreed(ctx) or [ctx.reply("pt_not_linked")]
    return noted(ctx, guard, [ctx.reply("pt_question_sent")])


def _not_agreed(ctx: Ctx) -> list[Reply] | None:
    """Before agreeing a partner sees the notice again, nothing else."""
    contact = partners.contact_of(ctx.session, ctx.user)
    if contact is None:
        return [ctx.reply("pt_not_linked")]
    if not partners.may_receive(ctx.session, ctx.user):
        return [notice(ctx, contact)]
    return None


def on_answer(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Beantwoorden: ask for the answer. Pressed twice, it asks again (one open answer);
    pressed after the question was answered, it says so."""
    question = ctx.session.get(PartnerQuestion, int(payload.data.get("question") or 0))
    contact = _visible_contact(ctx, question.contact_id) if question is not None else None
    if question is None or contact is None:
        return [ctx.reply("pt_answer_gone")]
    if question.answered_at is not None:
        return [_already_answered(ctx, question)]
    ctx.set_state(ANSWER_FLOW, "text", {"question": question.id})
    return [ctx.reply("pt_answer_ask", name=contact.display_name)]


def on_answer_text(ctx: Ctx, _step: str, data: dict[str, Any], text: str) -> list[Reply]:
    if contains_bsn(text):
        return [ctx.reply("pt_bsn")]  # the question stays open for the answer without it
    question_id = int(data.get("question") or 0)
    asked = ctx.session.get(PartnerQuestion, question_id)
    asker = ctx.session.get(Contact, asked.contact_id) if asked is not None else None
    guard = guarded(ctx, text, [asker.display_name] if asker else [])
    result = partners.answer(ctx.session, question_id, ctx.user, guard.text, ctx.now)
    if result is partners.AnswerError.EMPTY:
        return noted(ctx, guard, [ctx.reply("pt_answer_empty")])
    ctx.clear_state()
    if result is partners.AnswerError.GONE:
        return [ctx.reply("pt_answer_gone")]
    if isinstance(result, partners.AnswerError):
        question = ctx.session.get(PartnerQuestion, question_id)
        return [_already_answered(ctx, question) if question else ctx.reply("pt_answer_gone")]
    contact = ctx.session.get(Contact, result.contact_id)
    return noted(ctx, guard, [ctx.reply("pt_answer_sent",
                                        name=contact.display_name if contact else "?")])


def _already_answered(ctx: Ctx, question: PartnerQuestion) -> Reply:
    when = f" ({ctx.when(question.answered_at, 'minute')})" if question.answered_at else ""
    return ctx.reply("pt_answer_already", when=when)


# --- /informeer (coordinator) ------------------------------------------------------------------


def inform_command(ctx: Ctx, _args: str) -> list[Reply]:
    """Choose the segment with buttons: area, network, organisation type; then the text and
    perhaps a file."""
    state = ctx.state()
    if state is not None and state.flow == INFORM_FLOW:  # a file of the message left behind
        partners.drop_draft_file(ctx.session, ctx.user, state.data.get("file"))
    ctx.clear_state()
    return choose_area(ctx, "partners.segment", "pt_inform_area")


def choose_area(ctx: Ctx, action: str, prompt: str, **carried: Any) -> list[Reply]:
    """The first step of picking a segment (also for /peiling): the area, as buttons for
    `action` that carry `carried` along."""
    districts = [a for a in all_areas(ctx.session) if a.kind == "stadsdeel"]
    buttons = [ctx.button(ctx.t("pt_button_whole_city"), action, **carried, area=None)]
    buttons += [ctx.button(a.name, action, **carried, area=a.id) for a in districts]
    return [ctx.reply(prompt, _grid(buttons))]


def segment_step(ctx: Ctx, action: str, data: dict[str, Any]
                 ) -> list[Reply] | partners.Segment:
    """The next step of picking a segment: each press of `action` carries what was chosen so
    far; the segment once area, network and organisation type are chosen."""
    if "network" not in data:
        rows = [[ctx.button(ctx.t("button_formal"), action, **data,
                            network=Network.FORMAL.value),
                 ctx.button(ctx.t("button_informal"), action, **data,
                            network=Network.INFORMAL.value)],
                [ctx.button(ctx.t("pt_button_both"), action, **data, network=None)]]
        return [ctx.reply("pt_inform_network", rows)]
    if "type" not in data:
        types = partners.organisation_types(ctx.session)
        buttons = [ctx.button(ctx.t("pt_button_all_types"), action, **data, type=None)]
        buttons += [ctx.button(_type_label(ctx, code), action, **data, type=code)
                    for code in types]
        return [ctx.reply("pt_inform_type", _grid(buttons))]
    return segment_from(data)


def on_segment(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """One step of the segment; once chosen, the recipient count and the text."""
    segment = segment_step(ctx, "partners.segment", dict(payload.data))
    if isinstance(segment, list):
        return segment
    count = len(partners.recipients(ctx.session, segment))
    if count == 0:
        return [ctx.reply("pt_inform_nobody")]
    ctx.set_state(INFORM_FLOW, "text", {"area": segment.area_id, "network": segment.network,
                                        "type": segment.organisation_type})
    return [ctx.reply("pt_inform_text", count=count)]


def on_inform_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    """The message; then the file question (unless a file came first), then the preview.
    Typed at the preview, it replaces the message."""
    if step == "file":  # the message is there; this step wants a file or a button
        return [_file_question(ctx, data)]
    if contains_bsn(text):
        return [ctx.reply("pt_bsn")]
    guard = guarded(ctx, text.strip())  # the preview shows what will be sent and kept
    data = {**data, "text": guard.text[:partners.MAX_TEXT]}
    if step == "text" and "file" not in data:
        return noted(ctx, guard, [_file_question(ctx, data)])
    return noted(ctx, guard, _preview(ctx, data))


def on_inform_file(ctx: Ctx, step: str, data: dict[str, Any], file: IncomingFile,
                   caption: str) -> list[Reply]:
    """A file for the message, at any step: kept (sealed) as a draft; its caption, if any, is
    the message. A refused file changes nothing of what was composed."""
    if file.content is None:
        key = "pt_inform_file_too_large" if file.too_large else "pt_inform_file_lost"
        return [_file_refused(ctx, step, data, key, file.size)]
    if caption and contains_bsn(caption):
        return [ctx.reply("pt_bsn")]
    stored = partners.store_file(ctx.session, ctx.user, file.filename, file.mime, file.content,
                                 ctx.now)
    if isinstance(stored, partners.FileError):
        key = {partners.FileError.TOO_LARGE: "pt_inform_file_too_large",
               partners.FileError.TYPE: "pt_inform_file_type"}.get(stored, "pt_inform_file_lost")
        return [_file_refused(ctx, step, data, key, file.size)]
    partners.drop_draft_file(ctx.session, ctx.user, data.get("file"))  # one file per message
    data = {**data, "file": stored.id}
    guard = guarded(ctx, caption.strip())
    if caption:
        data["text"] = guard.text[:partners.MAX_TEXT]
    if not data.get("text"):
        ctx.set_state(INFORM_FLOW, "text", data)
        return [ctx.reply("pt_inform_file_text", name=stored.filename)]
    return noted(ctx, guard, _preview(ctx, data))


def file_not_expected(ctx: Ctx) -> Reply:
    """A file sent outside a flow that takes one: not kept; who may inform partners hears
    where files do go."""
    refusal = ctx.reply("pt_file_not_expected")
    if not can(ctx.user.role, Capability.INFORM_PARTNERS):
        return refusal
    return Reply(f"{refusal.text} {ctx.t('pt_file_use_inform')}")


def on_no_file(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Geen bestand: on to the preview with the message alone."""
    data = ctx.open_draft(INFORM_FLOW, payload)
    state = ctx.state()
    if data is None or state is None or state.step != "file":
        return [ctx.reply("pt_inform_gone")]
    return _preview(ctx, data)


def _file_question(ctx: Ctx, data: dict[str, Any]) -> Reply:
    draft = secrets.token_urlsafe(6)
    ctx.set_state(INFORM_FLOW, "file", {**data, "draft": True, "draft_id": draft})
    return ctx.reply("pt_inform_file_ask",
                     [[ctx.button(ctx.t("pt_button_no_file"), "partners.no_file", draft=draft)]])


def _file_refused(ctx: Ctx, step: str, data: dict[str, Any], key: str, size: int) -> Reply:
    """Why the file was not taken; at the file step the question stands, with its button."""
    refusal = ctx.t(key, size=_size(ctx, size), max=_size(ctx, partners.MAX_FILE_BYTES))
    if step == "file":
        return _file_question(ctx, data).prefixed(refusal)
    return Reply(refusal)


def _preview(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    """The message as it will go out, with its file, the recipient count and the buttons."""
    segment = segment_from(data)
    count = len(partners.recipients(ctx.session, segment))
    if count == 0:
        partners.drop_draft_file(ctx.session, ctx.user, data.get("file"))
        ctx.clear_state()
        return [ctx.reply("pt_inform_nobody")]
    attached = partners.draft_file(ctx.session, ctx.user, data.get("file"))
    attachment = (ctx.t("pt_inform_attachment", name=attached.filename,
                        size=_size(ctx, attached.size)) if attached is not None else "")
    draft = secrets.token_urlsafe(6)
    ctx.set_state(INFORM_FLOW, "preview", {**data, "draft": True, "draft_id": draft})
    rows = [[ctx.button(ctx.t("pt_button_send"), "partners.send", draft=draft, urgent=False),
             ctx.button(ctx.t("pt_button_send_urgent"), "partners.send", draft=draft,
                        urgent=True)],
            [ctx.button(ctx.t("button_cancel"), "partners.cancel", draft=draft)]]
    return [ctx.reply("pt_inform_preview", rows, count=count,
                      segment=describe_segment(ctx, segment), message=data.get("text", ""),
                      attachment=attachment)]


def on_send(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Send the previewed message; a double press, or a press after cancelling, sends
    nothing more."""
    data = ctx.open_draft(INFORM_FLOW, payload)
    if data is None or not ctx.claim(payload):
        return [ctx.reply("pt_inform_gone")]
    urgent = bool(payload.data.get("urgent"))
    file_id = data.get("file")
    broadcast = partners.send_broadcast(ctx.session, ctx.user, segment_from(data),
                                        str(data["text"]), urgent=urgent, now=ctx.now, tz=ctx.tz,
                                        file_id=file_id if isinstance(file_id, int) else None)
    ctx.clear_state()
    if broadcast is None or broadcast.id is None:
        partners.drop_draft_file(ctx.session, ctx.user, file_id)
        return [ctx.reply("pt_inform_nobody")]
    count = sum(partners.results(ctx.session, broadcast.id).values())
    rows = [[ctx.button(ctx.t("pt_button_results"), "partners.results", broadcast=broadcast.id)]]
    send_at = ctx.now if urgent else partners.first_daytime(ctx.now, ctx.tz)
    if send_at > ctx.now:
        return [ctx.reply("pt_inform_sent_morning", rows, count=count,
                          when=ctx.when(send_at, "minute"))]
    return [ctx.reply("pt_inform_sent", rows, count=count)]


def on_cancel(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(INFORM_FLOW, payload)
    if data is None:
        return [ctx.reply("pt_inform_gone")]
    partners.drop_draft_file(ctx.session, ctx.user, data.get("file"))
    ctx.clear_state()
    return [ctx.reply("cancelled")]


def on_results(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    broadcast = ctx.session.get(Broadcast, int(payload.data.get("broadcast") or 0))
    if broadcast is None or broadcast.id is None:
        return [ctx.reply("stale_button")]
    counts = partners.results(ctx.session, broadcast.id)
    rows = [[ctx.button(ctx.t("pt_button_results"), "partners.results", broadcast=broadcast.id)]]
    return [ctx.reply("pt_inform_results", rows, when=ctx.when(broadcast.created_at, "minute"),
                      count=sum(counts.values()), **counts)]


# --- rendering what the outbox owes ------------------------------------------------------------


def render_question(ctx: Ctx, row: Outbox) -> Reply | None:
    """A partner's question to a coordinator, with Beantwoorden; nothing once it is answered."""
    question = ctx.session.get(PartnerQuestion, row.ref_id) if row.ref_id else None
    if question is None or question.answered_at is not None:
        return None
    contact = _visible_contact(ctx, question.contact_id)
    if contact is None:
        return None
    organisations = [o.name for o, _function in organisations_of(ctx.session, question.contact_id)]
    organisation = f" ({', '.join(organisations)})" if organisations else ""
    button = ctx.button(ctx.t("pt_button_answer"), "partners.answer", question=question.id)
    return ctx.reply("pt_question_in", [[button]], name=contact.display_name,
                     organisation=organisation, question=question.question)


def render_answer(ctx: Ctx, row: Outbox) -> Reply | None:
    question = ctx.session.get(PartnerQuestion, row.ref_id) if row.ref_id else None
    if (question is None or question.asked_by_user_id != ctx.user_id
            or not partners.may_receive(ctx.session, ctx.user)):
        return None
    return ctx.reply("pt_answer_out", question=question.question, answer=question.answer)


def render_broadcast(ctx: Ctx, row: Outbox) -> Reply | None:
    """Information for one partner; skipped (and so recorded) when they may not receive it."""
    recipient = ctx.session.get(BroadcastRecipient, row.ref_id) if row.ref_id else None
    if recipient is None:
        return None
    broadcast = ctx.session.get(Broadcast, recipient.broadcast_id)
    if (broadcast is None or recipient.user_id != ctx.user_id
            or recipient.contact_id != ctx.user.contact_id
            or not partners.may_receive(ctx.session, ctx.user)):
        partners.skip(ctx.session, recipient, ctx.now)
        return None
    key = "pt_info_out_urgent" if broadcast.urgent else "pt_info_out"
    reply = ctx.reply(key, message=broadcast.text)
    attached = partners.file_of(ctx.session, broadcast.id) if broadcast.id is not None else None
    if attached is None:
        return reply
    file = Attachment(attached.filename, partners.file_bytes(attached), attached.mime)
    return replace(reply, file=file, protect=True)  # the file is for them, not to pass on


RENDERERS: dict[str, Callable[[Ctx, Outbox], Reply | None]] = {
    partners.QUESTION: render_question,
    partners.ANSWER: render_answer,
    partners.BROADCAST: render_broadcast,
}


# --- helpers -----------------------------------------------------------------------------------


def _visible_contact(ctx: Ctx, contact_id: object) -> Contact | None:
    """A contact this user may see by name (their role's networks), or None."""
    if not isinstance(contact_id, int):
        return None
    contact = ctx.session.get(Contact, contact_id)
    if contact is None or contact.network not in visible_networks(ctx.user):
        return None
    return contact


def _label(ctx: Ctx, contact: Contact) -> str:
    assert contact.id is not None
    organisations = [o.name for o, _function in organisations_of(ctx.session, contact.id)]
    network = ctx.t(f"network_{contact.network}")
    extra = ", ".join([*organisations[:1], network])
    return f"{contact.display_name} ({extra})"


def segment_from(data: dict[str, Any]) -> partners.Segment:
    area = data.get("area")
    return partners.Segment(area_id=int(area) if area is not None else None,
                            network=data.get("network"), organisation_type=data.get("type"))


def describe_segment(ctx: Ctx, segment: partners.Segment) -> str:
    area = ctx.session.get(Area, segment.area_id) if segment.area_id is not None else None
    parts = [area.name if area is not None else ctx.t("pt_segment_city")]
    parts.append(ctx.t(f"pt_segment_{segment.network}") if segment.network
                 else ctx.t("pt_button_both").lower())
    parts.append(_type_label(ctx, segment.organisation_type) if segment.organisation_type
                 else ctx.t("pt_segment_all_types"))
    return ", ".join(parts)


def _type_label(ctx: Ctx, code: str) -> str:
    found = BY_CODE.get(code)
    if found is None:
        return code
    return found.label_nl if ctx.lang == "nl" else found.label_en


def _duration(ctx: Ctx, days: int) -> str:
    if days % 365 == 0:
        return ctx.t("pt_years", count=days // 365)
    return ctx.t("pt_days", count=days)


def _size(ctx: Ctx, size: int) -> str:
    """A file size as people say it: 340 kB, 2,5 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    megabytes = f"{size / (1024 * 1024):.1f}".removesuffix(".0")
    return f"{megabytes.replace('.', ',') if ctx.lang == 'nl' else megabytes} MB"


def _grid(buttons: list[Button], width: int = 2) -> list[list[Button]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


FEATURE = Feature(
    commands=(
        Command(("uitnodigen", "invite", "uitnodiging"), Capability.INVITE_PARTNERS,
                invite_command, "cmd_uitnodigen"),
        Command(("informeer", "inform", "informeren"), Capability.INFORM_PARTNERS,
                inform_command, "cmd_informeer"),
        Command(("vraag", "question", "vragen", "ask"), Capability.ASK_QUESTION,
                question_command, "cmd_vraag"),
    ),
    buttons={
        "partners.invite": (Capability.INVITE_PARTNERS, on_invite),
        "partners.agree": (Capability.RECEIVE_INFORMATION, on_agree),
        "partners.answer": (Capability.INFORM_PARTNERS, on_answer),
        "partners.segment": (Capability.INFORM_PARTNERS, on_segment),
        "partners.no_file": (Capability.INFORM_PARTNERS, on_no_file),
        "partners.send": (Capability.INFORM_PARTNERS, on_send),
        "partners.cancel": (Capability.INFORM_PARTNERS, on_cancel),
        "partners.results": (Capability.INFORM_PARTNERS, on_results),
    },
    text_flows={
        INVITE_FLOW: on_invite_text,
        QUESTION_FLOW: on_question_text,
        ANSWER_FLOW: on_answer_text,
        INFORM_FLOW: on_inform_text,
    },
)

# A file sent while inside one of these flows goes to its handler (anywhere else: refused).
FILE_FLOWS: dict[str, tuple[Capability, FileHandler]] = {
    INFORM_FLOW: (Capability.INFORM_PARTNERS, on_inform_file),
}
