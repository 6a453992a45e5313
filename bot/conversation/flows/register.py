"""The network register in the chat: find, show, add, edit and archive contacts (/contact) and
organisations (/organisatie), and the one-screen briefing before a visit (/kort).

Every choice is a button; a typed answer that cannot be used is explained and asked again. A
new contact or organisation lives in the dialogue state until its last step and is then stored
in one go; every button of that draft carries its id, so an old button or a second press
stores nothing twice. Edits of an existing record are stored at once and audited (the field
name only, never the value).

A colleague sees the formal network only (design.md §5, memo M10): informal contacts are not
found, listed or shown to them, and only an admin moves a contact between the networks.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

from rapidfuzz import fuzz, process, utils
from sqlmodel import col, func, select

from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.flows import visit
from bot.conversation.routing import Command, Feature
from core.access import audit
from core.areas import all_areas
from core.briefing import Briefing, briefing
from core.contacts import (
    STATUS_ORDER,
    NotAllowedError,
    archive_contact,
    areas_of,
    create_contact,
    create_organisation,
    find_contacts,
    last_contact,
    link_area,
    link_organisation,
    organisations_of,
    set_network,
    set_status,
)
from core.dates import parse_when
from core.organisations import BY_CODE, ORG_TYPES, type_for_word
from core.permissions import Capability
from core.permissions import visible_networks as networks_for
from core.reading.guards import label_category, special_category_findings
from core.rhythm import rhythm_for
from core.understanding import (
    contains_bsn,
    match_organisation,
    match_person,
)
from core.visits import as_local, known
from storage.models import (
    Area,
    ButtonPayload,
    Contact,
    ContactArea,
    ContactOrganisation,
    ContactStatus,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    Mood,
    Network,
    Organisation,
    OrganisationArea,
    Role,
)

FLOW = "register"
SHOWN = 6  # matches offered as buttons at once
MAX_NAME = 120
MAX_ROLE = 60
MAX_ROLES = 8
NAME_WORDS = 6  # a name is at most this many words ("Maria de los Santos Pereira")
VISIT_WORDS = 8  # a typed answer this long to a short question is a visit message

CONTACT_FIELDS = ("name", "network", "status", "roles", "organisations", "areas",
                  "phone", "email", "channel", "agreed_on", "informed_on", "rhythm")
TYPED_FIELDS = ("name", "roles", "phone", "email", "agreed_on", "informed_on", "rhythm")
CLEARABLE = ("roles", "phone", "email", "agreed_on", "informed_on")
ORG_FIELDS = ("name", "type", "network", "areas")
CHANNELS = ("telefoon", "app", "e-mail", "langs")
RHYTHM_PRESETS = ((14, 28), (30, 60), (60, 120), (90, 180))

# Words that label a person instead of describing what they do (design.md §2.6).
_STIGMA = re.compile(r"\b(informant\w*|verdacht\w*|radica\w*|extremist\w*|suspect\w*)\b",
                     re.IGNORECASE)
_PHONE = re.compile(r"\+?[\d\s().-]{6,25}")
_EMAIL = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;.]{2,}")
_RHYTHM = re.compile(
    r"(\d{1,3})\s*(dagen|dag|days?|d|weken|week|weeks?|w|maanden|maand|months?|mnd|m)?\b",
    re.IGNORECASE,
)
_UNIT_DAYS = {"d": 1, "da": 1, "w": 7, "we": 7, "m": 30, "ma": 30, "mo": 30, "mn": 30}


# --- commands --------------------------------------------------------------------------------


def contact_command(ctx: Ctx, args: str) -> list[Reply]:
    """`/contact <naam>` shows the contact; without a name it asks for one."""
    query = _clean(args)
    if not query:
        _begin(ctx, "find", purpose="card")
        new = ctx.button(ctx.t("reg_button_new_contact_plain"), "reg.new")
        return [ctx.reply("reg_contact_ask", [[new]])]
    return _find_contact(ctx, query, "card")


def brief_command(ctx: Ctx, args: str) -> list[Reply]:
    """`/kort <naam>`: what to know before a visit, on one screen."""
    query = _clean(args)
    if not query:
        _begin(ctx, "find", purpose="brief")
        return [ctx.reply("reg_brief_ask")]
    return _find_contact(ctx, query, "brief")


def organisation_command(ctx: Ctx, args: str) -> list[Reply]:
    """`/organisatie <naam>` shows the organisation; without a name it asks for one."""
    query = _clean(args)
    if not query:
        _begin(ctx, "org_find")
        new = ctx.button(ctx.t("reg_button_new_org_plain"), "reg.org_create")
        return [ctx.reply("reg_org_ask", [[new]])]
    return _find_organisation(ctx, query)


# --- typed text inside the register flow -----------------------------------------------------


def on_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    text = text.strip()
    if contains_bsn(text):
        return [ctx.reply("bsn_refused")]
    if step in ("find", "org_find") and len(text.split()) > NAME_WORDS:
        _leave(ctx)  # a visit message, not a name: log it
        return visit.from_text(ctx, text)
    if step.startswith("edit:") and len(text.split()) >= VISIT_WORDS:
        _leave(ctx)  # not an answer to "which phone number?": a visit message, kept as one
        return [ctx.reply("reg_edit_left"), *visit.from_text(ctx, text)]
    if step in ("find", "org_find"):
        if step == "find":
            return _find_contact(ctx, _clean(text), str(data.get("purpose", "card")))
        return _find_organisation(ctx, _clean(text))
    if step == "new:name":
        name, why = valid_name(text)
        if name is None:
            return [_ask_name(ctx, data).prefixed(ctx.t(why))]
        data["name"] = name
        return [_ask_network(ctx, data)]
    if step == "new:network":
        network = read_network(text)
        if network is None:
            return [_ask_network(ctx, data).prefixed(ctx.t("reg_choose_button"))]
        data["network"] = network
        return _ask_organisation(ctx, data)
    if step in ("org:name", "org:choose"):
        return _organisation_typed(ctx, data, text)
    if step == "org:type":
        code = _read_type(text)
        if code is None:
            return [_ask_type(ctx, data).prefixed(ctx.t("reg_type_unknown"))]
        return _type_chosen(ctx, data, code)
    if step == "org:function":
        error = _role_error(ctx, text, MAX_NAME)
        if error is not None:
            return [_ask_function(ctx, data).prefixed(error)]
        data["function"] = " ".join(text.split())
        return _after_function(ctx, data)
    if step in ("area:district", "area:wijk"):
        area = _read_area(ctx, text)
        if area is None or area.id is None:
            return [_ask_area(ctx, data).prefixed(ctx.t("reg_area_unknown"))]
        return _after_area(ctx, data, area.id)
    if step == "orgnew:name":
        return _new_organisation_named(ctx, data, text)
    if step == "orgnew:network":
        network = read_network(text)
        if network is None:
            return [_ask_org_network(ctx, data).prefixed(ctx.t("reg_choose_button"))]
        data["network"] = network
        return [_ask_area(ctx, data)]
    if step.startswith("edit:"):
        return _contact_typed(ctx, step.removeprefix("edit:"), data, text)
    if step == "orgedit:name":
        return _organisation_renamed(ctx, data, text)
    _leave(ctx)
    return visit.from_text(ctx, text)


# --- finding and showing contacts ------------------------------------------------------------


def _find_contact(ctx: Ctx, query: str, purpose: str) -> list[Reply]:
    if not query:
        return [ctx.reply("reg_contact_ask")]
    if contains_bsn(query):
        return [ctx.reply("bsn_refused")]
    query = query[:MAX_NAME]
    matches = find_contacts(ctx.session, query, limit=SHOWN, networks=visible_networks(ctx))
    chosen = _meant_contact(ctx, query) or pick([(c, c.display_name, s) for c, s in matches],
                                                query)
    if chosen is not None:
        _leave(ctx)
        return [_brief(ctx, chosen) if purpose == "brief" else _contact_card(ctx, chosen)]
    _begin(ctx, "find", purpose=purpose)  # typing another name searches again
    action = "reg.brief" if purpose == "brief" else "reg.show"
    rows = [[ctx.button(contact_label(ctx, c), action, contact=c.id)] for c, _ in matches]
    if purpose == "card":
        rows.append([ctx.button(ctx.t("reg_button_new_contact", name=query), "reg.new",
                                name=query)])
    if not matches:
        key = "reg_contact_none" if purpose == "card" else "reg_brief_none"
        return [ctx.reply(key, rows, query=query)]
    return [ctx.reply("reg_contact_choose", rows, query=query)]


def _contact_card(ctx: Ctx, contact: Contact, notice: str | None = None) -> Reply:
    """The card with what the register knows, phone and e-mail included: every showing is
    audited (who, which contact; never what it says)."""
    assert contact.id is not None
    audit(ctx.session, ctx.now, "contact.read_card", ctx.user_id, f"contact:{contact.id}")
    lines = [notice, ""] if notice else []
    organisations = organisations_of(ctx.session, contact.id)
    areas = areas_of(ctx.session, contact.id)
    lines += [
        ctx.t("reg_card_title", name=contact.display_name),
        ctx.t("reg_card_network_status", network=ctx.t(f"network_{contact.network}"),
              status=_status(ctx, contact.status)),
    ]
    if contact.roles:
        lines.append(ctx.t("reg_card_roles", value=", ".join(contact.roles)))
    lines.append(ctx.t("reg_card_organisations", value="; ".join(
        _with_function(ctx, org, function) for org, function in organisations
    ) or ctx.t("reg_none")))
    lines.append(ctx.t("reg_card_areas",
                       value=", ".join(a.name for a in areas) or ctx.t("reg_none")))
    lines.append(ctx.t("reg_card_consent", agreed=_day_or_unknown(ctx, contact.agreed_on),
                       informed=_day_or_unknown(ctx, contact.informed_on)))
    lines.append(ctx.t("reg_card_reach", value=_reach(ctx, contact)))
    lines.append(_rhythm_line(ctx, contact, [org.type for org, _ in organisations]))
    last = last_contact(ctx.session, [contact.id]).get(contact.id)
    lines.append(ctx.t("reg_card_last", value=_since(ctx, last) if last else ctx.t("reg_never")))
    lines.append(ctx.t("reg_card_follow_ups", count=_open_follow_ups(ctx, contact.id)))
    rows = [
        [ctx.button(ctx.t("reg_button_brief"), "reg.brief", contact=contact.id),
         ctx.button(ctx.t("reg_button_log_visit"), "reg.visit", contact=contact.id)],
        [ctx.button(ctx.t("reg_button_edit"), "reg.edit", contact=contact.id),
         ctx.button(ctx.t("reg_button_status"), "reg.field", contact=contact.id,
                    field="status"),
         ctx.button(ctx.t("reg_button_archive"), "reg.archive", contact=contact.id)],
    ]
    return Reply("\n".join(lines), _tuple(rows), protect=True)


def _brief(ctx: Ctx, contact: Contact) -> Reply:
    assert contact.id is not None
    found = briefing(ctx.session, contact.id, ctx.now)
    if found is None:
        return ctx.reply("reg_contact_gone")
    audit(ctx.session, ctx.now, "contact.read_briefing", ctx.user_id, f"contact:{contact.id}")
    return _render_briefing(ctx, found)


def _render_briefing(ctx: Ctx, found: Briefing) -> Reply:
    who = [ctx.t(f"network_{found.network}"), _status(ctx, found.status), *found.roles]
    lines = [ctx.t("reg_brief_title", name=found.name), " · ".join(who)]
    for org in found.organisations:
        label = _type_label(ctx, org.type_code)
        if org.function:
            lines.append(ctx.t("reg_brief_org_function", name=org.name, type=label,
                               function=org.function))
        else:
            lines.append(ctx.t("reg_brief_org", name=org.name, type=label))
    if found.areas:
        lines.append(ctx.t("reg_brief_areas", value=", ".join(found.areas)))
    if found.contacts_total > len(found.last_contacts):
        lines += ["", ctx.t("reg_brief_last_of", shown=len(found.last_contacts),
                            total=found.contacts_total)]
    else:
        lines += ["", ctx.t("reg_brief_last")]
    if not found.last_contacts:
        lines.append(ctx.t("reg_brief_never"))
    for past in found.last_contacts:
        what = [kind_label(ctx, past.kind), ctx.t(f"reg_by_{past.initiated_by}")]
        if past.mood:
            what.append(mood_label(ctx, past.mood))
        lines.append(ctx.t("reg_brief_contact_line", when=ctx.when(past.occurred_at, past.grain),
                           what=", ".join(what), summary=past.summary or "…"))
    lines += ["", ctx.t("reg_brief_follow_ups")]
    if not found.open_follow_ups:
        lines.append(ctx.t("reg_brief_nothing"))
    for item in found.open_follow_ups:
        key = "reg_brief_follow_up_overdue" if item.overdue else "reg_brief_follow_up"
        lines.append(ctx.t(key, title=item.title, when=ctx.when(item.due_at, item.grain)))
    for heading, ledger in (("reg_brief_shared", found.shared), ("reg_brief_asked", found.asked)):
        lines += ["", ctx.t(heading)]
        if not ledger:
            lines.append(ctx.t("reg_brief_nothing"))
        for line in ledger:
            lines.append(ctx.t("reg_brief_ledger_line", when=ctx.when(line.occurred_at, "day"),
                               text=line.text))
    rows = [[ctx.button(ctx.t("reg_button_log_visit"), "reg.visit", contact=found.contact_id),
             ctx.button(ctx.t("reg_button_card"), "reg.show", contact=found.contact_id)]]
    return Reply("\n".join(lines), _tuple(rows), protect=True)


# --- buttons on a contact --------------------------------------------------------------------


def on_show(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    if contact is None:
        return [ctx.reply("reg_contact_gone")]
    _leave(ctx)
    return [_contact_card(ctx, contact)]


def on_brief(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    if contact is None:
        return [ctx.reply("reg_contact_gone")]
    _leave(ctx)
    return [_brief(ctx, contact)]


def on_visit(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    if contact is None or contact.id is None:
        return [ctx.reply("reg_contact_gone")]
    return visit.start_for_contact(ctx, contact.id)


def on_edit(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    if contact is None:
        return [ctx.reply("reg_contact_gone")]
    _leave(ctx)
    labels = {f: ctx.t(f"reg_field_{f}") for f in CONTACT_FIELDS}
    if ctx.user.role != Role.ADMIN:
        labels["network"] = ctx.t("reg_field_network_locked")
    buttons = [ctx.button(labels[f], "reg.field", contact=contact.id, field=f)
               for f in CONTACT_FIELDS]
    rows = [*_grid(buttons, 3), [_back_to_card(ctx, contact)]]
    return [ctx.reply("reg_edit_menu", rows, name=contact.display_name)]


def on_field(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    field = str(payload.data.get("field"))
    if contact is None or contact.id is None or field not in CONTACT_FIELDS:
        return [ctx.reply("reg_contact_gone")]
    _leave(ctx)
    back = _back_to_card(ctx, contact)
    if field == "status":
        buttons = [ctx.button(_marked(capital(_status(ctx, s)), s == contact.status), "reg.set",
                              contact=contact.id, field="status", value=s)
                   for s in STATUS_ORDER]
        return [ctx.reply("reg_ask_status", [buttons[:3], buttons[3:], [back]],
                          name=contact.display_name)]
    if field == "network":
        return [_network_question(ctx, contact)]
    if field == "channel":
        buttons = [ctx.button(_marked(capital(ctx.t(f"reg_channel_{c}")),
                                      c == contact.preferred_channel),
                              "reg.set", contact=contact.id, field="channel", value=c)
                   for c in CHANNELS]
        buttons.append(ctx.button(ctx.t("reg_button_no_preference"), "reg.set",
                                  contact=contact.id, field="channel", value=None))
        return [ctx.reply("reg_ask_channel", [*_grid(buttons, 3), [back]],
                          name=contact.display_name)]
    if field == "organisations":
        return [_organisations_menu(ctx, contact)]
    if field == "areas":
        return [_areas_menu(ctx, contact)]
    return [_ask_field(ctx, contact, field)]


def on_set(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """A one-tap value: a status, a channel, a rhythm, today's date, or clearing a field."""
    contact = _contact(ctx, payload.data.get("contact"))
    if contact is None or contact.id is None:
        return [ctx.reply("reg_contact_gone")]
    field, value = str(payload.data.get("field")), payload.data.get("value")
    if field == "status" and value in set(ContactStatus):
        if contact.status != value:
            set_status(ctx.session, contact, ContactStatus(str(value)), ctx.user_id, ctx.now)
        _leave(ctx)
        return [_contact_card(ctx, contact, ctx.t("reg_status_set",
                                                  status=_status(ctx, str(value))))]
    if field == "channel" and (value is None or value in CHANNELS):
        contact.preferred_channel = value
    elif field in CLEARABLE and value is None:
        setattr(contact, field, [] if field == "roles" else None)
    elif field in ("agreed_on", "informed_on") and value == "today":
        setattr(contact, field, ctx.now.date())
    elif field == "rhythm" and value is None:
        contact.rhythm_ideal_days = contact.rhythm_max_days = None
    elif field == "rhythm" and isinstance(value, list) and len(value) == 2:
        contact.rhythm_ideal_days, contact.rhythm_max_days = int(value[0]), int(value[1])
    elif field == "function" and value is None:
        link = _get(ctx, ContactOrganisation, contact.id, payload.data.get("organisation"))
        if link is None:
            return [ctx.reply("reg_contact_gone")]
        link.function = None
        ctx.session.add(link)
    else:
        return [ctx.reply("stale_button")]
    _updated(ctx, contact, field)
    _leave(ctx)
    return [_contact_card(ctx, contact, _saved(ctx, field))]


def on_network(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """An admin moves a contact between formal and informal (core audits it)."""
    contact = _contact(ctx, payload.data.get("contact"))
    network = payload.data.get("network")
    if contact is None or network not in set(Network):
        return [ctx.reply("reg_contact_gone")]
    if network == contact.network:
        return [_contact_card(ctx, contact)]
    try:
        set_network(ctx.session, contact, Network(str(network)), ctx.user, ctx.now)
    except NotAllowedError:
        return [_network_question(ctx, contact)]
    return [_contact_card(ctx, contact, ctx.t(
        "reg_network_changed", network=ctx.t(f"network_{contact.network}")))]


def on_archive(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    if contact is None:
        return [ctx.reply("reg_contact_gone")]
    rows = [[ctx.button(ctx.t("reg_button_archive_yes"), "reg.archive_yes", contact=contact.id),
             ctx.button(ctx.t("reg_button_archive_no"), "reg.show", contact=contact.id)]]
    return [ctx.reply("reg_archive_confirm", rows, name=contact.display_name)]


def on_archive_yes(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    contact = _contact(ctx, payload.data.get("contact"))
    if contact is None or contact.id is None:
        return [ctx.reply("reg_contact_gone")]
    archive_contact(ctx.session, contact, ctx.user_id, ctx.now)
    _leave(ctx)
    open_count = _open_follow_ups(ctx, contact.id)
    text = ctx.t("reg_archived", name=contact.display_name)
    if open_count:
        text += "\n" + ctx.t("reg_archived_follow_ups", count=open_count)
    return [Reply(text)]


def on_function(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    organisation_id = _int(payload.data.get("organisation"))
    if contact is None or contact.id is None or organisation_id is None:
        return [ctx.reply("reg_contact_gone")]
    asked = _ask_function_edit(ctx, contact, organisation_id)
    return [asked] if asked is not None else [ctx.reply("reg_contact_gone")]


def _ask_function_edit(ctx: Ctx, contact: Contact, organisation_id: int | None,
                       error: str | None = None) -> Reply | None:
    organisation = _get(ctx, Organisation, organisation_id)
    link = _get(ctx, ContactOrganisation, contact.id, organisation_id)
    if organisation is None or link is None:
        return None
    _begin(ctx, "edit:function", contact=contact.id, organisation=organisation_id)
    rows = [[ctx.button(ctx.t("reg_button_clear"), "reg.set", contact=contact.id,
                        field="function", value=None, organisation=organisation_id),
             _back_to_card(ctx, contact)]]
    text = ctx.t("reg_ask_function_edit", name=contact.display_name,
                 organisation=organisation.name, current=link.function or ctx.t("reg_none"))
    return Reply(f"{error}\n\n{text}" if error else text, _tuple(rows))


def on_unlink(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    organisation_id = _int(payload.data.get("organisation"))
    if contact is None or contact.id is None:
        return [ctx.reply("reg_contact_gone")]
    link = _get(ctx, ContactOrganisation, contact.id, organisation_id)
    if link is not None:
        ctx.session.delete(link)
        _updated(ctx, contact, "organisations")
    _leave(ctx)
    return [_contact_card(ctx, contact, ctx.t("reg_saved"))]


def on_add_organisation(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    if contact is None:
        return [ctx.reply("reg_contact_gone")]
    data = _begin(ctx, "org:name", mode="add_org", contact=contact.id,
                  name=contact.display_name, network=contact.network)
    return _ask_organisation(ctx, data)


def on_area_remove(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    if contact is None or contact.id is None:
        return [ctx.reply("reg_contact_gone")]
    link = _get(ctx, ContactArea, contact.id, payload.data.get("area"))
    if link is not None:
        ctx.session.delete(link)
        _updated(ctx, contact, "areas")
    _leave(ctx)
    return [_contact_card(ctx, contact, ctx.t("reg_saved"))]


def on_add_area(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    contact = _contact(ctx, payload.data.get("contact"))
    if contact is None:
        return [ctx.reply("reg_contact_gone")]
    data = _begin(ctx, "area:district", mode="add_area", contact=contact.id,
                  name=contact.display_name)
    return [_ask_area(ctx, data)]


def _network_question(ctx: Ctx, contact: Contact) -> Reply:
    network = ctx.t(f"reg_the_network_{contact.network}")
    back = _back_to_card(ctx, contact)
    if ctx.user.role != Role.ADMIN:
        return ctx.reply("reg_network_locked", [[back]], name=contact.display_name,
                         network=network)
    buttons = [ctx.button(_marked(ctx.t(f"button_{n}"), n == contact.network), "reg.network",
                          contact=contact.id, network=n)
               for n in (Network.FORMAL, Network.INFORMAL)]
    return ctx.reply("reg_network_ask", [buttons, [back]], name=contact.display_name,
                     network=network)


def _organisations_menu(ctx: Ctx, contact: Contact) -> Reply:
    assert contact.id is not None
    rows: list[list[Button]] = []
    lines: list[str] = []
    for organisation, function in organisations_of(ctx.session, contact.id):
        lines.append("• " + _with_function(ctx, organisation, function))
        rows.append([
            ctx.button(ctx.t("reg_button_function_at", organisation=organisation.name),
                       "reg.function", contact=contact.id, organisation=organisation.id),
            ctx.button(ctx.t("reg_button_unlink", organisation=organisation.name),
                       "reg.unlink", contact=contact.id, organisation=organisation.id),
        ])
    rows.append([ctx.button(ctx.t("reg_button_add_org"), "reg.add_org", contact=contact.id),
                 _back_to_card(ctx, contact)])
    text = ctx.t("reg_orgs_menu", name=contact.display_name,
                 value="\n".join(lines) or ctx.t("reg_none"))
    return Reply(text, _tuple(rows))


def _areas_menu(ctx: Ctx, contact: Contact) -> Reply:
    assert contact.id is not None
    areas = areas_of(ctx.session, contact.id)
    buttons = [ctx.button(ctx.t("reg_button_remove_area", area=a.name), "reg.area_remove",
                          contact=contact.id, area=a.id) for a in areas]
    rows = [*_grid(buttons, 2),
            [ctx.button(ctx.t("reg_button_add_area"), "reg.add_area", contact=contact.id),
             _back_to_card(ctx, contact)]]
    return ctx.reply("reg_areas_menu", rows, name=contact.display_name,
                     value=", ".join(a.name for a in areas) or ctx.t("reg_none"))


# --- typed edits of a contact ----------------------------------------------------------------


def _ask_field(ctx: Ctx, contact: Contact, field: str, error: str | None = None) -> Reply:
    """Ask for a typed value, with the one-tap answers that field has."""
    _begin(ctx, f"edit:{field}", contact=contact.id)
    rows: list[list[Button]] = []
    if field in ("agreed_on", "informed_on"):
        rows.append([ctx.button(ctx.t("button_today"), "reg.set", contact=contact.id,
                                field=field, value="today")])
    if field == "rhythm":
        presets = [ctx.button(ctx.t("reg_rhythm_preset", ideal=i, maximum=m), "reg.set",
                              contact=contact.id, field=field, value=[i, m])
                   for i, m in RHYTHM_PRESETS]
        rows += _grid(presets, 2)
        rows.append([ctx.button(ctx.t("reg_button_default_rhythm"), "reg.set",
                                contact=contact.id, field=field, value=None)])
    if field in CLEARABLE:
        rows.append([ctx.button(ctx.t("reg_button_clear"), "reg.set", contact=contact.id,
                                field=field, value=None)])
    rows.append([_back_to_card(ctx, contact)])
    text = ctx.t(f"reg_ask_{field}", name=contact.display_name,
                 current=_current(ctx, contact, field))
    if error:
        text = f"{error}\n\n{text}"
    return Reply(text, _tuple(rows), protect=True)


def _contact_typed(ctx: Ctx, field: str, data: dict[str, Any], text: str) -> list[Reply]:
    contact = _contact(ctx, data.get("contact"))
    if contact is None or contact.id is None:
        _leave(ctx)
        return [ctx.reply("reg_contact_gone")]
    if field == "function":
        link = _get(ctx, ContactOrganisation, contact.id, data.get("organisation"))
        if link is None:
            _leave(ctx)
            return [ctx.reply("reg_contact_gone")]
        error = _role_error(ctx, text, MAX_NAME)
        if error is not None:
            asked = _ask_function_edit(ctx, contact, _int(data.get("organisation")), error)
            return [asked] if asked is not None else [ctx.reply("reg_contact_gone")]
        link.function = " ".join(text.split())
        ctx.session.add(link)
        _updated(ctx, contact, "function")
        _leave(ctx)
        return [_contact_card(ctx, contact, ctx.t("reg_saved"))]
    if field not in TYPED_FIELDS:
        _leave(ctx)
        return visit.from_text(ctx, text)
    error = _apply_typed(ctx, contact, field, text)
    if error is not None:
        return [_ask_field(ctx, contact, field, error)]
    _updated(ctx, contact, field)
    _leave(ctx)
    return [_contact_card(ctx, contact, _saved(ctx, field))]


def _apply_typed(ctx: Ctx, contact: Contact, field: str, text: str) -> str | None:
    """Store a typed value on the contact; a text means it could not be used (and why)."""
    if field == "name":
        name, key = valid_name(text)
        if name is None:
            return ctx.t(key)
        contact.display_name = name
    elif field == "roles":
        roles = [" ".join(r.split()) for r in re.split(r"[,;\n]+", text) if r.strip()]
        if not roles or len(roles) > MAX_ROLES:
            return ctx.t("reg_roles_invalid", limit=MAX_ROLES)
        for role in roles:
            error = _role_error(ctx, role, MAX_ROLE)
            if error is not None:
                return error
        contact.roles = roles
    elif field == "phone":
        digits = sum(c.isdigit() for c in text)
        if not _PHONE.fullmatch(text) or not 6 <= digits <= 15:
            return ctx.t("reg_phone_invalid")
        contact.phone = " ".join(text.split())
    elif field == "email":
        if not _EMAIL.fullmatch(text) or len(text) > 200:
            return ctx.t("reg_email_invalid")
        contact.email = text.lower()
    elif field in ("agreed_on", "informed_on"):
        when = parse_when(text, ctx.now, prefer="past")
        if when is None:
            return ctx.t("date_not_understood")
        day = as_local(when.start, ctx.tz).date()
        if day > ctx.now.date():
            return ctx.t("reg_date_in_future")
        setattr(contact, field, day)
    elif field == "rhythm":
        rhythm = read_rhythm(text)
        if rhythm is None:
            return ctx.t("reg_rhythm_invalid")
        contact.rhythm_ideal_days, contact.rhythm_max_days = rhythm
    return None


def read_rhythm(text: str) -> tuple[int, int] | None:
    """'30' → (30, 60); '30 60', '30-60' → (30, 60); 'elke 2 weken' → (14, 28)."""
    found = [int(n) * _UNIT_DAYS.get(unit.lower()[:2], _UNIT_DAYS.get(unit.lower()[:1], 1))
             if unit else int(n)
             for n, unit in _RHYTHM.findall(text[:100])]
    if not found or len(found) > 2:
        return None
    ideal = found[0]
    maximum = found[1] if len(found) == 2 else ideal * 2
    if not 1 <= ideal <= 365 or not ideal <= maximum <= 730:
        return None
    return ideal, maximum


# --- a new contact: name → network → organisation → function → area → stored ----------------


def on_new(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """'Nieuw contact': the name from the search when there was one, else asked."""
    name, _ = valid_name(str(payload.data.get("name") or ""))
    data = _begin(ctx, "new:name", mode="new", name=name, network=None)
    if name is None or " " not in name:  # a first name only: ask for the whole name
        return [_ask_name(ctx, data)]
    return [_ask_network(ctx, data)]


def on_new_network(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload, key="draft_id")
    network = payload.data.get("network")
    if data is None or network not in set(Network):
        return [ctx.reply("reg_draft_gone")]
    data["network"] = network
    return _ask_organisation(ctx, data)


def _ask_name(ctx: Ctx, data: dict[str, Any]) -> Reply:
    _goto(ctx, data, "new:name")
    if not data.get("name"):
        return ctx.reply("reg_ask_new_name")
    keep = ctx.button(data["name"], "reg.keep_name", draft=data["draft_id"])
    return ctx.reply("reg_ask_full_name", [[keep]], name=data["name"])


def on_keep_name(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """The name as searched is the name after all."""
    data = ctx.open_draft(FLOW, payload, key="draft_id")
    if data is None or not data.get("name"):
        return [ctx.reply("reg_draft_gone")]
    return [_ask_network(ctx, data)]


def _ask_network(ctx: Ctx, data: dict[str, Any]) -> Reply:
    _goto(ctx, data, "new:network")
    buttons = [ctx.button(ctx.t(f"button_{n}"), "reg.new_network", draft=data["draft_id"],
                          network=n) for n in (Network.FORMAL, Network.INFORMAL)]
    text = ctx.t("choose_network", name=data["name"]) + "\n" + ctx.t("reg_network_once")
    return Reply(text, _tuple([buttons]))


# --- choosing an organisation (for a new contact, or added to one) --------------------------


def _ask_organisation(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    _goto(ctx, data, "org:name")
    if data["mode"] == "new":
        rows = [[ctx.button(ctx.t("reg_button_no_org"), "reg.skip", draft=data["draft_id"],
                            step="org")]]
    else:
        rows = [[ctx.button(ctx.t("reg_button_back_to_card"), "reg.show",
                            contact=data["contact"])]]
    return [ctx.reply("reg_ask_org", rows, name=data["name"])]


def _organisation_typed(ctx: Ctx, data: dict[str, Any], text: str) -> list[Reply]:
    name = " ".join(text.split())
    if len(name) < 2 or len(name) > 200 or not any(c.isalpha() for c in name):
        return [_ask_organisation(ctx, data)[0].prefixed(ctx.t("reg_org_name_invalid"))]
    matches = _find_organisations(ctx, name)
    exact = [o for o, _ in matches if o.name.lower() == name.lower()]
    if len(exact) == 1:
        return _organisation_chosen(ctx, data, exact[0])
    data["org_query"] = name
    if not matches:
        return [_ask_type(ctx, data)]
    _goto(ctx, data, "org:choose")
    rows = [[ctx.button(_org_label(ctx, o), "reg.org_pick", draft=data["draft_id"],
                        organisation=o.id)] for o, _ in matches]
    rows.append([ctx.button(ctx.t("reg_button_new_org", name=name), "reg.org_new",
                            draft=data["draft_id"])])
    return [ctx.reply("reg_org_choose", rows, query=name)]


def on_org_pick(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload, key="draft_id")
    organisation = _organisation(ctx, payload.data.get("organisation"))
    if data is None or organisation is None:
        return [ctx.reply("reg_draft_gone")]
    return _organisation_chosen(ctx, data, organisation)


def on_org_new(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload, key="draft_id")
    if data is None or not data.get("org_query"):
        return [ctx.reply("reg_draft_gone")]
    return [_ask_type(ctx, data)]


def on_org_type(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload, key="draft_id")
    code = payload.data.get("type")
    if data is None or code not in BY_CODE:
        return [ctx.reply("reg_draft_gone")]
    return _type_chosen(ctx, data, str(code))


def _organisation_chosen(ctx: Ctx, data: dict[str, Any], organisation: Organisation
                         ) -> list[Reply]:
    data["org"] = {"id": organisation.id, "name": organisation.name}
    return [_ask_function(ctx, data)]


def _ask_type(ctx: Ctx, data: dict[str, Any]) -> Reply:
    _goto(ctx, data, "org:type")
    buttons = [ctx.button(capital(_type_label(ctx, t.code)), "reg.org_type", draft=data["draft_id"],
                          type=t.code) for t in ORG_TYPES]
    return ctx.reply("reg_ask_type", _grid(buttons, 2), name=data["org_query"])


def _type_chosen(ctx: Ctx, data: dict[str, Any], code: str) -> list[Reply]:
    if data["mode"] == "org_new":
        data["type"] = code
        return [_ask_org_network(ctx, data)]
    data["org"] = {"id": None, "name": data["org_query"], "type": code}
    return [_ask_function(ctx, data)]


def _ask_function(ctx: Ctx, data: dict[str, Any]) -> Reply:
    _goto(ctx, data, "org:function")
    rows = [[ctx.button(ctx.t("reg_button_skip"), "reg.skip", draft=data["draft_id"],
                        step="function")]]
    return ctx.reply("reg_ask_function", rows, name=data["name"], organisation=data["org"]["name"])


def _after_function(ctx: Ctx, data: dict[str, Any]) -> list[Reply]:
    if data["mode"] == "new":
        return [_ask_area(ctx, data)]
    contact = _contact(ctx, data.get("contact"))
    if contact is None or contact.id is None:
        _leave(ctx)
        return [ctx.reply("reg_contact_gone")]
    organisation_id = _ensure_organisation(ctx, data, contact.network)
    link_organisation(ctx.session, contact.id, organisation_id, data.get("function"))
    _updated(ctx, contact, "organisations")
    _leave(ctx)
    return [_contact_card(ctx, contact, ctx.t("reg_saved"))]


def _ensure_organisation(ctx: Ctx, data: dict[str, Any], network: str) -> int:
    """The chosen organisation's id; a new one is created here, typed as chosen."""
    org = data["org"]
    if org.get("id") is not None:
        return int(org["id"])
    org_type = BY_CODE[org["type"]]
    created = create_organisation(
        ctx.session, name=org["name"], type_code=org_type.code,
        network=org_type.network or network, now=ctx.now, actor_user_id=ctx.user_id,
    )
    assert created.id is not None
    return created.id


# --- choosing an area: stadsdeel, then wijk --------------------------------------------------


def _ask_area(ctx: Ctx, data: dict[str, Any]) -> Reply:
    _goto(ctx, data, "area:district")
    districts = [a for a in all_areas(ctx.session) if a.kind == "stadsdeel"]
    buttons = [ctx.button(a.name, "reg.area_district", draft=data["draft_id"], area=a.id)
               for a in districts]
    rows = _grid(buttons, 2)
    rows.append([_area_escape(ctx, data)])
    return ctx.reply("reg_ask_area", rows, name=data["name"])


def on_area_district(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload, key="draft_id")
    district = _get(ctx, Area, payload.data.get("area"))
    if data is None or district is None or district.id is None:
        return [ctx.reply("reg_draft_gone")]
    wijken = [a for a in all_areas(ctx.session) if a.parent_id == district.id]
    if not wijken:
        if not ctx.claim(payload):
            return [ctx.reply("already_handled")]
        return _after_area(ctx, data, district.id)
    _goto(ctx, data, "area:wijk")
    whole = ctx.button(ctx.t("reg_button_whole_district", area=district.name), "reg.area_pick",
                       draft=data["draft_id"], area=district.id)
    buttons = [ctx.button(a.name, "reg.area_pick", draft=data["draft_id"], area=a.id)
               for a in wijken]
    rows = [[whole], *_grid(buttons, 2),
            [ctx.button(ctx.t("reg_button_other_district"), "reg.area_back",
                        draft=data["draft_id"]), _area_escape(ctx, data)]]
    return [ctx.reply("reg_ask_wijk", rows, area=district.name)]


def on_area_pick(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    data = ctx.open_draft(FLOW, payload, key="draft_id")
    area = _get(ctx, Area, payload.data.get("area"))
    if data is None or area is None or area.id is None:
        return [ctx.reply("reg_draft_gone")]
    return _after_area(ctx, data, area.id)


def on_area_back(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload, key="draft_id")
    if data is None:
        return [ctx.reply("reg_draft_gone")]
    return [_ask_area(ctx, data)]


def on_skip(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """'Overslaan' / 'Geen organisatie' in the creation steps."""
    step = payload.data.get("step")
    if step == "area" and not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    data = ctx.open_draft(FLOW, payload, key="draft_id")
    if data is None:
        return [ctx.reply("reg_draft_gone")]
    if step == "org":
        data["org"] = None
        return [_ask_area(ctx, data)]
    if step == "function" and data.get("org"):
        data["function"] = None
        return _after_function(ctx, data)
    if step == "area":
        return _after_area(ctx, data, None)
    return [ctx.reply("reg_draft_gone")]


def _area_escape(ctx: Ctx, data: dict[str, Any]) -> Button:
    """The way out of the area question: skip it when creating, back when adding one."""
    if data["mode"] in ("new", "org_new"):
        return ctx.button(ctx.t("reg_button_skip"), "reg.skip", draft=data["draft_id"],
                          step="area")
    if data["mode"] == "org_add_area":
        return ctx.button(ctx.t("reg_button_back_to_card"), "reg.org_show",
                          organisation=data["organisation"])
    return ctx.button(ctx.t("reg_button_back_to_card"), "reg.show", contact=data["contact"])


def _after_area(ctx: Ctx, data: dict[str, Any], area_id: int | None) -> list[Reply]:
    """The last step: store the new contact or organisation, or link the area."""
    mode = data["mode"]
    _leave(ctx)
    if mode == "new":
        return [_save_new_contact(ctx, data, area_id)]
    if mode == "org_new":
        organisation = create_organisation(
            ctx.session, name=data["org_query"], type_code=data["type"],
            network=data["network"], now=ctx.now, area_ids=[area_id] if area_id else [],
            actor_user_id=ctx.user_id,
        )
        return [_org_card(ctx, organisation, ctx.t("reg_org_created"))]
    if mode == "org_add_area":
        found = _organisation(ctx, data.get("organisation"))
        if found is None or found.id is None:
            return [ctx.reply("reg_org_gone")]
        if area_id is not None and ctx.session.get(OrganisationArea, (found.id, area_id)) is None:
            ctx.session.add(OrganisationArea(organisation_id=found.id, area_id=area_id))
            _org_updated(ctx, found, "areas")
        return [_org_card(ctx, found, ctx.t("reg_saved"))]
    contact = _contact(ctx, data.get("contact"))
    if contact is None or contact.id is None:
        return [ctx.reply("reg_contact_gone")]
    if area_id is not None:
        link_area(ctx.session, contact.id, area_id)
        _updated(ctx, contact, "areas")
    return [_contact_card(ctx, contact, ctx.t("reg_saved"))]


def _save_new_contact(ctx: Ctx, data: dict[str, Any], area_id: int | None) -> Reply:
    network = str(data["network"])
    organisation_id = _ensure_organisation(ctx, data, network) if data.get("org") else None
    contact = create_contact(
        ctx.session, name=data["name"], network=network, now=ctx.now,
        owner_user_id=ctx.user_id, organisation_id=organisation_id,
        function=data.get("function"), area_ids=[area_id] if area_id else [],
    )
    if _contact(ctx, contact.id) is None:  # a colleague placed someone in the informal network
        return ctx.reply("reg_created_informal_hidden", name=contact.display_name)
    return _contact_card(ctx, contact, ctx.t("reg_contact_created"))


# --- organisations ---------------------------------------------------------------------------


def _find_organisation(ctx: Ctx, query: str) -> list[Reply]:
    if not query:
        return [ctx.reply("reg_org_ask")]
    query = query[:200]
    matches = _find_organisations(ctx, query)
    chosen = _meant_organisation(ctx, query) or pick([(o, o.name, s) for o, s in matches], query)
    if chosen is not None:
        _leave(ctx)
        return [_org_card(ctx, chosen)]
    _begin(ctx, "org_find")
    rows = [[ctx.button(_org_label(ctx, o), "reg.org_show", organisation=o.id)]
            for o, _ in matches]
    rows.append([ctx.button(ctx.t("reg_button_new_org", name=query), "reg.org_create",
                            name=query)])
    key = "reg_org_choose" if matches else "reg_org_none"
    return [ctx.reply(key, rows, query=query)]


def _org_card(ctx: Ctx, organisation: Organisation, notice: str | None = None) -> Reply:
    assert organisation.id is not None
    lines = [notice, ""] if notice else []
    areas = ctx.session.exec(
        select(Area.name).join(OrganisationArea, col(OrganisationArea.area_id) == col(Area.id))
        .where(OrganisationArea.organisation_id == organisation.id).order_by(col(Area.name))
    ).all()
    people = _people_of(ctx, organisation.id)
    shown = [ctx.t("reg_person_function", name=c.display_name, function=f) if f
             else c.display_name for c, f in people[:8]]
    if len(people) > 8:
        shown.append(ctx.t("reg_and_more", count=len(people) - 8))
    last = ctx.session.exec(
        select(func.max(Interaction.occurred_at))
        .where(Interaction.organisation_id == organisation.id)
    ).one()
    lines += [
        ctx.t("reg_org_title", name=organisation.name),
        ctx.t("reg_org_type_network", type=_type_label(ctx, organisation.type),
              network=ctx.t(f"network_{organisation.network}")),
        ctx.t("reg_card_areas", value=", ".join(areas) or ctx.t("reg_none")),
        ctx.t("reg_org_people", value=", ".join(shown) or ctx.t("reg_none")),
        ctx.t("reg_card_last", value=_since(ctx, _aware(last)) if last else ctx.t("reg_never")),
    ]
    rows = [[ctx.button(ctx.t("reg_button_edit"), "reg.org_edit", organisation=organisation.id),
             ctx.button(ctx.t("reg_button_archive"), "reg.org_archive",
                        organisation=organisation.id)]]
    return Reply("\n".join(lines), _tuple(rows), protect=True)


def on_org_show(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    organisation = _organisation(ctx, payload.data.get("organisation"))
    if organisation is None:
        return [ctx.reply("reg_org_gone")]
    _leave(ctx)
    return [_org_card(ctx, organisation)]


def on_org_create(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    name = " ".join(str(payload.data.get("name") or "").split())
    data = _begin(ctx, "orgnew:name", mode="org_new", name="", org_query=name)
    if not name:
        return [ctx.reply("reg_ask_new_org_name")]
    return _new_organisation_named(ctx, data, name)


def _new_organisation_named(ctx: Ctx, data: dict[str, Any], text: str) -> list[Reply]:
    name = " ".join(text.split())
    if len(name) < 2 or len(name) > 200 or not any(c.isalpha() for c in name):
        _goto(ctx, data, "orgnew:name")
        return [Reply(ctx.t("reg_org_name_invalid") + "\n\n" + ctx.t("reg_ask_new_org_name"))]
    same = [o for o, _ in _find_organisations(ctx, name) if o.name.lower() == name.lower()]
    if same:
        _leave(ctx)
        return [_org_card(ctx, same[0], ctx.t("reg_org_exists"))]
    data["org_query"] = data["name"] = name
    return [_ask_type(ctx, data)]


def _ask_org_network(ctx: Ctx, data: dict[str, Any]) -> Reply:
    _goto(ctx, data, "orgnew:network")
    usual = BY_CODE[data["type"]].network
    buttons = [ctx.button(ctx.t("reg_button_usual", label=ctx.t(f"button_{n}")) if n == usual
                          else ctx.t(f"button_{n}"), "reg.org_new_network",
                          draft=data["draft_id"], network=n)
               for n in (Network.FORMAL, Network.INFORMAL)]
    if usual == Network.INFORMAL:
        buttons.reverse()
    return ctx.reply("reg_ask_org_network", [buttons], name=data["org_query"])


def on_org_new_network(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    data = ctx.open_draft(FLOW, payload, key="draft_id")
    network = payload.data.get("network")
    if data is None or network not in set(Network) or not data.get("type"):
        return [ctx.reply("reg_draft_gone")]
    data["network"] = network
    return [_ask_area(ctx, data)]


def on_org_edit(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    organisation = _organisation(ctx, payload.data.get("organisation"))
    if organisation is None:
        return [ctx.reply("reg_org_gone")]
    _leave(ctx)
    buttons = [ctx.button(ctx.t(f"reg_org_field_{f}"), "reg.org_field",
                          organisation=organisation.id, field=f) for f in ORG_FIELDS]
    rows = [*_grid(buttons, 2), [_back_to_org(ctx, organisation)]]
    return [ctx.reply("reg_edit_menu", rows, name=organisation.name)]


def on_org_field(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    organisation = _organisation(ctx, payload.data.get("organisation"))
    field = payload.data.get("field")
    if organisation is None or organisation.id is None or field not in ORG_FIELDS:
        return [ctx.reply("reg_org_gone")]
    _leave(ctx)
    back = _back_to_org(ctx, organisation)
    if field == "name":
        _begin(ctx, "orgedit:name", organisation=organisation.id)
        return [ctx.reply("reg_ask_org_rename", [[back]], name=organisation.name)]
    if field == "type":
        buttons = [ctx.button(_marked(capital(_type_label(ctx, t.code)),
                                      t.code == organisation.type),
                              "reg.org_set", organisation=organisation.id, field="type",
                              value=t.code) for t in ORG_TYPES]
        return [ctx.reply("reg_ask_type", [*_grid(buttons, 2), [back]], name=organisation.name)]
    if field == "network":
        network = ctx.t(f"reg_the_network_{organisation.network}")
        if ctx.user.role == Role.COLLEAGUE:
            return [ctx.reply("reg_org_network_locked", [[back]], name=organisation.name,
                              network=network)]
        buttons = [ctx.button(_marked(ctx.t(f"button_{n}"), n == organisation.network),
                              "reg.org_set", organisation=organisation.id, field="network",
                              value=n) for n in (Network.FORMAL, Network.INFORMAL)]
        return [ctx.reply("reg_ask_org_network_edit", [buttons, [back]],
                          name=organisation.name, network=network)]
    areas = ctx.session.exec(
        select(Area).join(OrganisationArea, col(OrganisationArea.area_id) == col(Area.id))
        .where(OrganisationArea.organisation_id == organisation.id).order_by(col(Area.name))
    ).all()
    buttons = [ctx.button(ctx.t("reg_button_remove_area", area=a.name), "reg.org_area_remove",
                          organisation=organisation.id, area=a.id) for a in areas]
    rows = [*_grid(buttons, 2),
            [ctx.button(ctx.t("reg_button_add_area"), "reg.org_add_area",
                        organisation=organisation.id), back]]
    return [ctx.reply("reg_areas_menu", rows, name=organisation.name,
                      value=", ".join(a.name for a in areas) or ctx.t("reg_none"))]


def on_org_set(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    organisation = _organisation(ctx, payload.data.get("organisation"))
    field, value = payload.data.get("field"), payload.data.get("value")
    if organisation is None:
        return [ctx.reply("reg_org_gone")]
    if field == "type" and value in BY_CODE:
        organisation.type = str(value)
        _org_updated(ctx, organisation, "type")
    elif field == "network" and value in set(Network):
        if ctx.user.role == Role.COLLEAGUE:
            return [ctx.reply("reg_org_network_locked", name=organisation.name,
                              network=ctx.t(f"reg_the_network_{organisation.network}"))]
        if organisation.network != value:
            before, organisation.network = organisation.network, str(value)
            ctx.session.add(organisation)
            audit(ctx.session, ctx.now, "organisation.network_changed", ctx.user_id,
                  f"organisation:{organisation.id}", before=before, after=organisation.network)
    else:
        return [ctx.reply("stale_button")]
    _leave(ctx)
    return [_org_card(ctx, organisation, ctx.t("reg_saved"))]


def on_org_area_remove(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    organisation = _organisation(ctx, payload.data.get("organisation"))
    if organisation is None or organisation.id is None:
        return [ctx.reply("reg_org_gone")]
    link = _get(ctx, OrganisationArea, organisation.id, payload.data.get("area"))
    if link is not None:
        ctx.session.delete(link)
        _org_updated(ctx, organisation, "areas")
    _leave(ctx)
    return [_org_card(ctx, organisation, ctx.t("reg_saved"))]


def on_org_add_area(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    organisation = _organisation(ctx, payload.data.get("organisation"))
    if organisation is None:
        return [ctx.reply("reg_org_gone")]
    data = _begin(ctx, "area:district", mode="org_add_area", organisation=organisation.id,
                  name=organisation.name)
    return [_ask_area(ctx, data)]


def _organisation_renamed(ctx: Ctx, data: dict[str, Any], text: str) -> list[Reply]:
    organisation = _organisation(ctx, data.get("organisation"))
    if organisation is None:
        _leave(ctx)
        return [ctx.reply("reg_org_gone")]
    name = " ".join(text.split())
    if len(name) < 2 or len(name) > 200 or not any(c.isalpha() for c in name):
        return [ctx.reply("reg_ask_org_rename", [[_back_to_org(ctx, organisation)]],
                          name=organisation.name)]
    organisation.name = name
    _org_updated(ctx, organisation, "name")
    _leave(ctx)
    return [_org_card(ctx, organisation, ctx.t("reg_saved"))]


def on_org_archive(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    organisation = _organisation(ctx, payload.data.get("organisation"))
    if organisation is None:
        return [ctx.reply("reg_org_gone")]
    rows = [[ctx.button(ctx.t("reg_button_archive_yes"), "reg.org_archive_yes",
                        organisation=organisation.id),
             ctx.button(ctx.t("reg_button_archive_no"), "reg.org_show",
                        organisation=organisation.id)]]
    return [ctx.reply("reg_org_archive_confirm", rows, name=organisation.name)]


def on_org_archive_yes(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    organisation = _organisation(ctx, payload.data.get("organisation"))
    if organisation is None:
        return [ctx.reply("reg_org_gone")]
    # core.contacts has no archive_organisation yet (reported); the same shape as contacts.
    organisation.archived_at = ctx.now
    ctx.session.add(organisation)
    audit(ctx.session, ctx.now, "organisation.archived", ctx.user_id,
          f"organisation:{organisation.id}")
    _leave(ctx)
    return [ctx.reply("reg_org_archived", name=organisation.name)]


def _meant_contact(ctx: Ctx, query: str) -> Contact | None:
    """The one contact `query` names by the reader's matcher (core.understanding): the exact
    name first, then a first name or surname only one contact has, titles left off."""
    person = match_person(query, known(ctx.session, visible_networks(ctx)))
    return _contact(ctx, person.contact_id) if person.contact_id is not None else None


def _meant_organisation(ctx: Ctx, query: str) -> Organisation | None:
    """The one organisation `query` names by the register's matcher (core.reading.matching):
    the exact name first, then a short form, other word order, or a clear near spelling."""
    org = match_organisation(query, known(ctx.session, visible_networks(ctx)))
    return _organisation(ctx, org.organisation_id) if org.organisation_id is not None else None


def _find_organisations(ctx: Ctx, query: str) -> list[tuple[Organisation, float]]:
    """Active organisations whose name looks like `query`, best first (matched in memory);
    only those of the networks this user may see (a colleague: informal ones when granted)."""
    organisations = {o.id: o for o in ctx.session.exec(
        select(Organisation).where(col(Organisation.archived_at).is_(None),
                                   col(Organisation.network).in_(visible_networks(ctx)))
    ).all()}
    names = {oid: o.name for oid, o in organisations.items()}
    found = process.extract(query, names, scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=SHOWN, score_cutoff=75)
    return [(organisations[oid], score) for _, score, oid in found]


def _people_of(ctx: Ctx, organisation_id: int) -> list[tuple[Contact, str | None]]:
    statement = (
        select(Contact, ContactOrganisation)  # the whole link: its function is sealed
        .join(ContactOrganisation, col(ContactOrganisation.contact_id) == col(Contact.id))
        .where(ContactOrganisation.organisation_id == organisation_id,
               col(Contact.archived_at).is_(None))
    )
    statement = statement.where(col(Contact.network).in_(list(networks_for(ctx.user))))
    people = [(contact, link.function) for contact, link in ctx.session.exec(statement).all()]
    # Sorted in memory: names will be encrypted at rest, so never ordered by the database.
    return sorted(people, key=lambda item: item[0].display_name.lower())


# --- helpers ---------------------------------------------------------------------------------


def visible_networks(ctx: Ctx) -> list[str]:
    """The networks this user may see (core.permissions: a colleague the formal one, and the
    informal one only when an admin granted it)."""
    return sorted(networks_for(ctx.user))


def visible_contact(ctx: Ctx, value: Any) -> Contact | None:
    """The contact with this id when it exists, is not archived and this user may see it."""
    return _contact(ctx, value)


def _contact(ctx: Ctx, value: Any) -> Contact | None:
    contact_id = _int(value)
    contact = ctx.session.get(Contact, contact_id) if contact_id is not None else None
    if contact is None or contact.archived_at is not None:
        return None
    if contact.network not in networks_for(ctx.user):
        return None
    return contact


def _organisation(ctx: Ctx, value: Any) -> Organisation | None:
    organisation_id = _int(value)
    found = ctx.session.get(Organisation, organisation_id) if organisation_id is not None else None
    if found is None or found.archived_at is not None:
        return None
    if found.network not in networks_for(ctx.user):
        return None  # an informal organisation, for a colleague without the grant
    return found


M = TypeVar("M")


def _get(ctx: Ctx, model: type[M], *key: Any) -> M | None:
    """The row with this (composite) key; None when a part of the key is missing or no id."""
    ids = [_int(part) for part in key]
    if any(i is None for i in ids):
        return None
    return ctx.session.get(model, ids[0] if len(ids) == 1 else tuple(ids))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


T = TypeVar("T")


def pick(matches: list[tuple[T, str, float]], query: str) -> T | None:
    """The one match meant without asking: the only one, the one exact name, or a clear best."""
    if not matches:
        return None
    wanted = query.lower()
    exact = [item for item, name, _ in matches if name.lower() == wanted]
    if len(exact) == 1:
        return exact[0]
    first = [item for item, name, _ in matches if name.lower().split()[:1] == [wanted]]
    if not exact and len(first) == 1:
        return first[0]
    if len(matches) == 1:
        return matches[0][0]
    if matches[0][2] >= 90 and matches[0][2] - matches[1][2] >= 15:
        return matches[0][0]
    return None



def _begin(ctx: Ctx, step: str, **data: Any) -> dict[str, Any]:
    """Start a step of this flow with a fresh draft id (old buttons no longer fit)."""
    started = {"draft_id": secrets.token_urlsafe(6), **data}
    ctx.set_state(FLOW, step, started)
    return started


def _goto(ctx: Ctx, data: dict[str, Any], step: str) -> None:
    ctx.set_state(FLOW, step, dict(data))



def _leave(ctx: Ctx) -> None:
    """End this flow's dialogue state, leaving another flow's (an unsaved visit) alone."""
    state = ctx.state()
    if state is not None and state.flow == FLOW:
        ctx.clear_state()


def _updated(ctx: Ctx, contact: Contact, field: str) -> None:
    ctx.session.add(contact)
    audit(ctx.session, ctx.now, "contact.updated", ctx.user_id, f"contact:{contact.id}",
          field=field)


def _org_updated(ctx: Ctx, organisation: Organisation, field: str) -> None:
    ctx.session.add(organisation)
    audit(ctx.session, ctx.now, "organisation.updated", ctx.user_id,
          f"organisation:{organisation.id}", field=field)


def _saved(ctx: Ctx, field: str) -> str:
    key = f"reg_field_{field}"
    return ctx.t("reg_saved_field", field=ctx.t(key)) if field in CONTACT_FIELDS else ctx.t(
        "reg_saved")


def _clean(text: str) -> str:
    return " ".join(text.split())


def valid_name(text: str) -> tuple[str | None, str]:
    """A person's name as typed, tidied; or None and the catalogue key saying why not."""
    name = " ".join(text.split())
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return None, "reg_name_invalid"
    if any(c.isdigit() for c in name):
        return None, "reg_name_digits"
    if len(name) > MAX_NAME or len(name.split()) > NAME_WORDS:
        return None, "reg_name_too_long"
    return name, ""



def _role_error(ctx: Ctx, text: str, limit: int) -> str | None:
    """Why a typed role or function cannot be stored, or None when it can."""
    cleaned = " ".join(text.split())
    if not cleaned or not any(c.isalpha() for c in cleaned) or len(cleaned) > limit or \
            len(cleaned.split()) > NAME_WORDS:
        return ctx.t("reg_role_invalid", limit=limit)
    if label_category(cleaned) is not None:  # the one guard's reading (core.reading.guards)
        words = list(dict.fromkeys(f.word.lower() for f in special_category_findings(cleaned)))
        return ctx.t("reg_privacy_refused", words=", ".join(words) or cleaned)
    labels = [m.group(0).lower() for m in _STIGMA.finditer(cleaned)]
    if labels:
        return ctx.t("reg_words_refused", words=", ".join(labels))
    return None


def read_network(text: str) -> Network | None:
    word = text.strip().lower()
    if word.startswith(("formeel", "formal")):
        return Network.FORMAL
    if word.startswith(("informeel", "informal")):
        return Network.INFORMAL
    return None


def _read_type(text: str) -> str | None:
    word = " ".join(text.lower().split())
    found = type_for_word(word)
    if found is not None:
        return found.code
    labels = {t.code: f"{t.label_nl} {t.label_en}" for t in ORG_TYPES}
    best = process.extractOne(word, labels, scorer=fuzz.partial_ratio,
                              processor=utils.default_process, score_cutoff=90)
    return str(best[2]) if best is not None and len(word) >= 4 else None


def _read_area(ctx: Ctx, text: str) -> Area | None:
    areas = {a.id: a for a in all_areas(ctx.session)}
    for area in areas.values():
        if area.name.lower() == text.lower():
            return area
    best = process.extractOne(text, {i: a.name for i, a in areas.items()}, scorer=fuzz.WRatio,
                              processor=utils.default_process, score_cutoff=88)
    return areas[best[2]] if best is not None else None


def _grid(buttons: list[Button], width: int) -> list[list[Button]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def _tuple(rows: list[list[Button]]) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(row) for row in rows)


def _marked(label: str, current: bool) -> str:
    return f"✓ {label}" if current else label


def _back_to_card(ctx: Ctx, contact: Contact) -> Button:
    return ctx.button(ctx.t("reg_button_back_to_card"), "reg.show", contact=contact.id)


def _back_to_org(ctx: Ctx, organisation: Organisation) -> Button:
    return ctx.button(ctx.t("reg_button_back_to_card"), "reg.org_show",
                      organisation=organisation.id)


def _status(ctx: Ctx, status: str) -> str:
    return ctx.t(f"reg_status_{status}") if status in set(ContactStatus) else status


def capital(label: str) -> str:
    """A label as a button shows it: 'bezoek' → 'Bezoek'."""
    return label[:1].upper() + label[1:]


def kind_label(ctx: Ctx, kind: str) -> str:
    return ctx.t(f"reg_kind_{kind}") if kind in set(InteractionKind) else kind


def mood_label(ctx: Ctx, mood: str) -> str:
    return ctx.t(f"reg_mood_{mood}") if mood in set(Mood) else mood


def _type_label(ctx: Ctx, code: str) -> str:
    org_type = BY_CODE.get(code, BY_CODE["overig"])
    return org_type.label_nl if ctx.lang == "nl" else org_type.label_en


def _with_function(ctx: Ctx, organisation: Organisation, function: str | None) -> str:
    label = _type_label(ctx, organisation.type)
    if function:
        return ctx.t("reg_org_with_function", name=organisation.name, type=label,
                     function=function)
    return ctx.t("reg_org_with_type", name=organisation.name, type=label)


def contact_label(ctx: Ctx, contact: Contact) -> str:
    assert contact.id is not None
    organisations = organisations_of(ctx.session, contact.id)
    if organisations:
        return ctx.t("reg_label_at", name=contact.display_name, where=organisations[0][0].name)
    areas = areas_of(ctx.session, contact.id)
    if areas:
        return ctx.t("reg_label_at", name=contact.display_name, where=areas[0].name)
    return contact.display_name


def _org_label(ctx: Ctx, organisation: Organisation) -> str:
    return ctx.t("reg_org_with_type", name=organisation.name,
                 type=_type_label(ctx, organisation.type))


def _day(ctx: Ctx, day: date) -> str:
    return ctx.when(datetime.combine(day, time(12), tzinfo=ctx.tz), "day")


def _day_or_unknown(ctx: Ctx, day: date | None) -> str:
    return _day(ctx, day) if day else ctx.t("reg_not_recorded")


def _since(ctx: Ctx, moment: datetime) -> str:
    days = (ctx.now.date() - moment.astimezone(ctx.tz).date()).days
    if days <= 0:
        ago = ctx.t("reg_ago_today")
    elif days == 1:
        ago = ctx.t("reg_ago_yesterday")
    else:
        ago = ctx.t("reg_ago_days", days=days)
    return ctx.t("reg_since", when=ctx.when(moment, "day"), ago=ago)


def _aware(moment: datetime | str) -> datetime:
    """An aggregate bypasses the column type on SQLite: read it back as UTC."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _reach(ctx: Ctx, contact: Contact) -> str:
    parts = []
    if contact.preferred_channel:
        channel = contact.preferred_channel
        label = ctx.t(f"reg_channel_{channel}") if channel in CHANNELS else channel
        parts.append(ctx.t("reg_prefers", channel=label))
    parts += [v for v in (contact.phone, contact.email) if v]
    return " · ".join(parts) or ctx.t("reg_none")


def _rhythm_line(ctx: Ctx, contact: Contact, organisation_types: list[str]) -> str:
    rhythm = rhythm_for(contact, organisation_types)
    own = bool(contact.rhythm_ideal_days or contact.rhythm_max_days)
    return ctx.t("reg_card_rhythm_own" if own else "reg_card_rhythm_default",
                 ideal=rhythm.ideal_days, maximum=rhythm.max_days)


def _current(ctx: Ctx, contact: Contact, field: str) -> str:
    value: Any = getattr(contact, field, None)
    if field == "rhythm":
        if not contact.rhythm_ideal_days:
            assert contact.id is not None
            types = [o.type for o, _ in organisations_of(ctx.session, contact.id)]
            rhythm = rhythm_for(contact, types)
            return ctx.t("reg_default_rhythm", ideal=rhythm.ideal_days, maximum=rhythm.max_days)
        return ctx.t("reg_rhythm_value", ideal=contact.rhythm_ideal_days,
                     maximum=contact.rhythm_max_days or contact.rhythm_ideal_days * 2)
    if field == "roles":
        return ", ".join(contact.roles) or ctx.t("reg_none")
    if isinstance(value, date):
        return _day(ctx, value)
    return str(value) if value else ctx.t("reg_none")


def _open_follow_ups(ctx: Ctx, contact_id: int) -> int:
    return int(ctx.session.exec(
        select(func.count()).select_from(FollowUp)
        .where(FollowUp.contact_id == contact_id, FollowUp.status == FollowUpStatus.OPEN)
    ).one())


FEATURE = Feature(
    commands=(
        Command(("kort", "brief", "briefing"), Capability.LOG_VISIT, brief_command,
                "reg_cmd_kort"),
        Command(("contact", "contact", "contacten", "contacts"), Capability.LOG_VISIT,
                contact_command, "reg_cmd_contact"),
        Command(("organisatie", "organisation", "organisaties", "organisations", "organization",
                 "org"), Capability.LOG_VISIT, organisation_command, "reg_cmd_organisatie"),
    ),
    buttons={
        action: (Capability.LOG_VISIT, handler)
        for action, handler in {
            "reg.show": on_show,
            "reg.brief": on_brief,
            "reg.visit": on_visit,
            "reg.edit": on_edit,
            "reg.field": on_field,
            "reg.set": on_set,
            "reg.network": on_network,
            "reg.archive": on_archive,
            "reg.archive_yes": on_archive_yes,
            "reg.function": on_function,
            "reg.unlink": on_unlink,
            "reg.add_org": on_add_organisation,
            "reg.area_remove": on_area_remove,
            "reg.add_area": on_add_area,
            "reg.new": on_new,
            "reg.new_network": on_new_network,
            "reg.keep_name": on_keep_name,
            "reg.org_pick": on_org_pick,
            "reg.org_new": on_org_new,
            "reg.org_type": on_org_type,
            "reg.area_district": on_area_district,
            "reg.area_pick": on_area_pick,
            "reg.area_back": on_area_back,
            "reg.skip": on_skip,
            "reg.org_show": on_org_show,
            "reg.org_create": on_org_create,
            "reg.org_new_network": on_org_new_network,
            "reg.org_edit": on_org_edit,
            "reg.org_field": on_org_field,
            "reg.org_set": on_org_set,
            "reg.org_area_remove": on_org_area_remove,
            "reg.org_add_area": on_org_add_area,
            "reg.org_archive": on_org_archive,
            "reg.org_archive_yes": on_org_archive_yes,
        }.items()
    },
    text_flows={FLOW: on_text},
)
