"""A contact's rights in the chat: /inzage (export), /beperken (restrict), /wissen (erase).

Coordinators and admins may export and restrict (Capability.SUBJECT_RIGHTS); erasing cannot
be undone, so only admins may (Capability.ERASE_CONTACTS), after a confirmation that counts
what will go. Correcting is the register's own edit flow, one button away. The rules live in
core.subject; this module only asks and shows. Also here: the admins' nightly retention note.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.conversation.context import Ctx
from bot.conversation.events import Attachment, Button, Reply
from bot.conversation.routing import Command, Feature
from core import subject
from core.name_removal import NameRemoved
from core.permissions import Capability, allows, visible_networks
from core.retention import report_of
from core.understanding import contains_bsn
from storage.models import ButtonPayload, Contact

FLOW = "privacy"
PURPOSES = ("export", "restrict", "erase")
MAX_QUERY = 120


# --- commands ----------------------------------------------------------------------------------


def export_command(ctx: Ctx, args: str) -> list[Reply]:
    """`/inzage naam`: everything about one contact, as a readable text and as JSON."""
    return _start(ctx, args, "export")


def restrict_command(ctx: Ctx, args: str) -> list[Reply]:
    """`/beperken naam`: keep a contact but stop processing them (or lift that)."""
    return _start(ctx, args, "restrict")


def erase_command(ctx: Ctx, args: str) -> list[Reply]:
    """`/wissen naam`: erase a contact on request, after a confirmation that counts."""
    return _start(ctx, args, "erase")


def _start(ctx: Ctx, args: str, purpose: str) -> list[Reply]:
    query = args.strip()
    if not query:
        ctx.set_state(FLOW, f"find:{purpose}", {})
        return [ctx.reply(f"prv_ask_{purpose}")]
    return _find(ctx, query, purpose)


def on_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    """A name typed after /inzage, /beperken or /wissen without one."""
    purpose = step.removeprefix("find:")
    if purpose not in PURPOSES:
        ctx.clear_state()
        return [ctx.reply("stale_button")]
    return _find(ctx, text, purpose)


def _find(ctx: Ctx, query: str, purpose: str) -> list[Reply]:
    if contains_bsn(query):
        return [ctx.reply("bsn_refused")]
    matches = subject.find_subjects(ctx.session, query[:MAX_QUERY], visible_networks(ctx.user))
    if not matches:
        ctx.set_state(FLOW, f"find:{purpose}", {})
        return [ctx.reply("prv_none", query=query[:MAX_QUERY])]
    ctx.clear_state()
    action = {"export": "privacy.export", "restrict": "privacy.restriction",
              "erase": "privacy.erase"}[purpose]
    rows = [[ctx.button(label(ctx, c), action, contact=c.id)] for c in matches]
    return [ctx.reply("prv_choose", rows)]


def label(ctx: Ctx, contact: Contact) -> str:
    """A name with what matters here: restricted, archived."""
    marks = []
    if contact.restricted_at is not None:
        marks.append(ctx.t("prv_mark_restricted"))
    if contact.archived_at is not None:
        marks.append(ctx.t("prv_mark_archived"))
    return f"{contact.display_name} ({', '.join(marks)})" if marks else contact.display_name


# --- access ------------------------------------------------------------------------------------


def on_export(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload)
    if contact is None:
        return [ctx.reply("prv_gone")]
    document = subject.export_subject(ctx.session, contact, ctx.now, ctx.tz, ctx.user_id)
    stamp = ctx.now.astimezone(ctx.tz).date().isoformat()
    base = ctx.t("prv_file_name", id=contact.id, date=stamp)
    readable = readable_text(ctx, document)
    machine = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    correct = ctx.button(ctx.t("prv_button_correct"), "reg.edit", contact=contact.id)
    return [
        Reply(ctx.t("prv_export_sent", name=contact.display_name,
                    interactions=len(document["interactions"]),
                    follow_ups=len(document["follow_ups"]),
                    signals=len(document["signals"])),
              protect=True,
              file=Attachment(f"{base}.txt", readable.encode(), "text/plain")),
        Reply(ctx.t("prv_export_json"), ((correct,),), protect=True,
              file=Attachment(f"{base}.json", machine.encode(), "application/json")),
    ]


def readable_text(ctx: Ctx, document: dict[str, Any]) -> str:
    """The export in plain Dutch (or English), section by section."""
    person = document["contact"]
    none = ctx.t("prv_none_value")

    def value(raw: Any) -> str:
        if raw is None or raw == [] or raw == "":
            return none
        if isinstance(raw, list):
            return ", ".join(str(v) for v in raw if v) or none
        return _day(raw) if isinstance(raw, str) and _looks_like_moment(raw) else str(raw)

    lines = [ctx.t("prv_doc_title", name=person["display_name"]),
             ctx.t("prv_doc_made", date=_day(document["exported_at"])), "",
             ctx.t("prv_doc_person")]
    for key in ("display_name", "network", "status", "roles", "organisation", "function",
                "areas", "phone", "email", "preferred_channel", "agreed_on", "informed_on",
                "last_contact_at", "created_at", "archived_at", "restricted_at"):
        lines.append(ctx.t("prv_doc_field", field=ctx.t(f"prv_field_{key}"),
                           value=value(person.get(key))))
    lines += ["", ctx.t("prv_doc_interactions", count=len(document["interactions"]))]
    for item in document["interactions"]:
        lines.append(ctx.t("prv_doc_interaction", date=_day(item["occurred_at"]),
                           kind=item["kind"], area=item["area"] or none,
                           summary=item["summary"] or none))
        for key in ("shared", "asked"):
            if item[key]:
                lines.append(ctx.t(f"prv_doc_{key}", value=item[key]))
    lines += ["", ctx.t("prv_doc_follow_ups", count=len(document["follow_ups"]))]
    for item in document["follow_ups"]:
        lines.append(ctx.t("prv_doc_follow_up", title=item["title"], date=_day(item["due_at"]),
                           status=ctx.t(f"prv_status_{item['status']}")))
    lines += ["", ctx.t("prv_doc_signals", count=len(document["signals"]))]
    for item in document["signals"]:
        lines.append(ctx.t("prv_doc_signal", date=_day(item["observed_on"]),
                           area=item["area"] or none, category=item["category"],
                           facts=item["facts"] or none))
    lines += ["", ctx.t("prv_doc_footer")]
    return "\n".join(lines) + "\n"


def _looks_like_moment(text: str) -> bool:
    return len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit()


def _day(iso: str) -> str:
    """yyyy-mm-dd[Thh:mm…] → dd-mm-yyyy: how a Dutch reader writes a date."""
    return f"{iso[8:10]}-{iso[5:7]}-{iso[0:4]}"


# --- restriction -------------------------------------------------------------------------------


def on_restriction(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload)
    if contact is None:
        return [ctx.reply("prv_gone")]
    return [_restriction_card(ctx, contact)]


def _restriction_card(ctx: Ctx, contact: Contact, notice: str | None = None) -> Reply:
    restricted = contact.restricted_at is not None
    key = "prv_restricted_since" if restricted else "prv_not_restricted"
    since = ctx.when(contact.restricted_at, "day") if contact.restricted_at else ""
    button = ctx.button(ctx.t("prv_button_lift" if restricted else "prv_button_restrict"),
                        "privacy.restrict", contact=contact.id, on=not restricted)
    text = ctx.t(key, name=contact.display_name, since=since)
    if notice:
        text = f"{notice}\n\n{text}"
    return Reply(text, ((button,),), protect=True)


def on_restrict(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload)
    if contact is None:
        return [ctx.reply("prv_gone")]
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    if payload.data.get("on"):
        subject.restrict(ctx.session, contact, ctx.now, ctx.user_id)
        notice = ctx.t("prv_restricted")
    else:
        subject.lift_restriction(ctx.session, contact, ctx.now, ctx.user_id)
        notice = ctx.t("prv_lifted")
    return [_restriction_card(ctx, contact, notice)]


# --- erasure -----------------------------------------------------------------------------------


def on_erase(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """The confirmation: what erasing this contact deletes, counted."""
    contact = _contact(ctx, payload)
    if contact is None or contact.id is None:
        return [ctx.reply("prv_gone")]
    plan = subject.erasure_plan(ctx.session, contact.id)
    rows: list[list[Button]] = [[
        ctx.button(ctx.t("prv_button_erase_yes"), "privacy.erase_yes", contact=contact.id),
        ctx.button(ctx.t("button_cancel"), "privacy.erase_no", contact=contact.id),
    ]]
    return [Reply(ctx.t("prv_erase_confirm", name=contact.display_name,
                        deleted=plan.interactions_deleted,
                        unlinked=plan.interactions_unlinked,
                        follow_ups=plan.follow_ups_deleted,
                        signals=plan.signals_unsourced),
                  tuple(tuple(row) for row in rows), protect=True)]


def on_erase_yes(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    contact = _contact(ctx, payload)
    if contact is None:
        return [ctx.reply("prv_gone")]
    done = subject.erase(ctx.session, contact, ctx.now, ctx.user_id)
    plan = done.plan
    text = ctx.t("prv_erased", deleted=plan.interactions_deleted,
                 unlinked=plan.interactions_unlinked, follow_ups=plan.follow_ups_deleted,
                 signals=plan.signals_unsourced)
    return [ctx.reply_text(f"{text}\n{name_removed_text(ctx, done.name_removed)}")]


def name_removed_text(ctx: Ctx, removed: NameRemoved) -> str:
    """Where the name went from, in a sentence: "Naam verwijderd uit 7 andere teksten, 2
    berichten in het journaal en 3 knoppen."; the counts say how complete the erasure is."""
    places = [ctx.t(f"prv_name_{what}_1" if count == 1 else f"prv_name_{what}", count=count)
              for what, count in (("texts", removed.texts), ("journal", removed.journal),
                                  ("buttons", removed.buttons)) if count]
    if not places:
        return ctx.t("prv_name_nowhere")
    listed = places[0] if len(places) == 1 else (
        f"{', '.join(places[:-1])} {ctx.t('prv_and')} {places[-1]}")
    return ctx.t("prv_name_removed", places=listed)


def on_erase_no(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    ctx.claim(payload)
    return [ctx.reply("prv_erase_cancelled")]


def _contact(ctx: Ctx, payload: ButtonPayload) -> Contact | None:
    """The contact a button names, if it still exists and this user may see them."""
    contact_id = payload.data.get("contact")
    contact = ctx.session.get(Contact, contact_id) if isinstance(contact_id, int) else None
    if contact is None or contact.network not in visible_networks(ctx.user):
        return None
    return contact


# --- the admins' nightly retention note (an outbox kind) ---------------------------------------


def retention_report(ctx: Ctx, run_at: datetime) -> Reply | None:
    """Counts of what the night's run removed; None when the run left no record of it."""
    if not allows(ctx.user, Capability.MANAGE_USERS):
        return None
    report = report_of(ctx.session, run_at)
    if report is None:
        return None
    lines = [ctx.t("prv_report_title", date=ctx.when(run_at, "day"))]
    for key, count in sorted(report.records.items()):
        if count:
            lines.append(ctx.t("prv_report_line", what=ctx.t(f"prv_report_{key}"), count=count))
    technical = sum(report.technical.values())
    if technical:
        lines.append(ctx.t("prv_report_technical", count=technical))
    lines.append(ctx.t("prv_report_footer"))
    return Reply("\n".join(lines))


FEATURE = Feature(
    commands=(
        Command(("inzage", "access", "inzageverzoek"), Capability.SUBJECT_RIGHTS,
                export_command, "cmd_inzage"),
        Command(("beperken", "restrict"), Capability.SUBJECT_RIGHTS, restrict_command,
                "cmd_beperken"),
        Command(("wissen", "erase"), Capability.ERASE_CONTACTS,
                erase_command, "cmd_wissen"),
    ),
    buttons={
        "privacy.export": (Capability.SUBJECT_RIGHTS, on_export),
        "privacy.restriction": (Capability.SUBJECT_RIGHTS, on_restriction),
        "privacy.restrict": (Capability.SUBJECT_RIGHTS, on_restrict),
        "privacy.erase": (Capability.ERASE_CONTACTS, on_erase),
        "privacy.erase_yes": (Capability.ERASE_CONTACTS, on_erase_yes),
        "privacy.erase_no": (Capability.ERASE_CONTACTS, on_erase_no),
    },
    text_flows={FLOW: on_text},
)
