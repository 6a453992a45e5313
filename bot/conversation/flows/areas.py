"""`/gebied`: the configured areas; admins add, rename and remove them with buttons."""

from __future__ import annotations

from typing import Any

from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.routing import Command, Feature
from core.areas import AreaError, add_area, all_areas, remove_area, rename_area
from core.permissions import Capability, can
from storage.models import Area, ButtonPayload

FLOW = "areas"


def show(ctx: Ctx, _args: str) -> list[Reply]:
    areas = all_areas(ctx.session)
    districts = [a for a in areas if a.kind == "stadsdeel"]
    lines = [ctx.t("area_list_title", count=len(areas))]
    for district in districts:
        wijken = ", ".join(a.name for a in areas if a.parent_id == district.id)
        key = "area_list_line" if wijken else "area_list_line_empty"
        lines.append(ctx.t(key, name=district.name, wijken=wijken))
    loose = [a for a in areas if a.kind != "stadsdeel" and a.parent_id is None]
    lines += [ctx.t("area_list_line_empty", name=a.name) for a in loose]
    rows: list[list[Button]] = []
    if can(ctx.user.role, Capability.MANAGE_AREAS):
        rows = [[ctx.button(ctx.t("area_button_add"), "area.add"),
                 ctx.button(ctx.t("area_button_rename"), "area.pick", then="rename"),
                 ctx.button(ctx.t("area_button_remove"), "area.pick", then="remove")]]
    return [ctx.reply_text("\n".join(lines), rows)]


def on_add(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    districts = [a for a in all_areas(ctx.session) if a.kind == "stadsdeel"]
    rows = _grid([ctx.button(a.name, "area.parent", parent=a.id) for a in districts])
    rows.append([ctx.button(ctx.t("area_button_new_district"), "area.parent", parent=None)])
    return [ctx.reply("area_choose_parent", rows)]


def on_parent(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    ctx.set_state(FLOW, "add", {"parent": payload.data.get("parent")})
    return [ctx.reply("area_ask_name")]


def on_pick(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    """Choose an area: first the stadsdeel, then (if it has any) one of its wijken."""
    then = str(payload.data.get("then"))
    areas = all_areas(ctx.session)
    parent = payload.data.get("district")
    if parent is None:
        districts = [a for a in areas if a.kind == "stadsdeel"]
        rows = _grid([ctx.button(a.name, "area.pick", then=then, district=a.id)
                      for a in districts])
        return [ctx.reply("area_choose", rows)]
    district = ctx.session.get(Area, int(parent))
    if district is None:
        return [ctx.reply("stale_button")]
    wijken = [a for a in areas if a.parent_id == district.id]
    if not wijken:
        return _chosen(ctx, district, then)
    rows = [[ctx.button(ctx.t("area_button_district_itself", name=district.name), "area.do",
                        then=then, area=district.id)]]
    rows += _grid([ctx.button(a.name, "area.do", then=then, area=a.id) for a in wijken])
    return [ctx.reply("area_choose_in", rows, name=district.name)]


def on_do(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    area = ctx.session.get(Area, int(payload.data["area"]))
    if area is None:
        return [ctx.reply("stale_button")]
    return _chosen(ctx, area, str(payload.data.get("then")))


def on_remove(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    area = ctx.session.get(Area, int(payload.data["area"]))
    if area is None:
        return [ctx.reply("stale_button")]
    name = area.name
    try:
        remove_area(ctx.session, area, ctx.user_id, ctx.now)
    except AreaError as error:
        return [ctx.reply(f"area_error_{error}", name=name)]
    return [ctx.reply("area_removed", name=name)]


def on_text(ctx: Ctx, step: str, data: dict[str, Any], text: str) -> list[Reply]:
    """The typed name of a new area, or the new name of an existing one."""
    try:
        if step == "add":
            parent = data.get("parent")
            area = add_area(ctx.session, text, int(parent) if parent is not None else None,
                            ctx.user_id, ctx.now)
            ctx.clear_state()
            return [ctx.reply("area_added", name=area.name)]
        existing = ctx.session.get(Area, int(data["area"]))
        if existing is None:
            ctx.clear_state()
            return [ctx.reply("stale_button")]
        old = existing.name
        rename_area(ctx.session, existing, text, ctx.user_id, ctx.now)
    except AreaError as error:
        return [ctx.reply(f"area_error_{error}", name=text)]  # the question stays open
    ctx.clear_state()
    return [ctx.reply("area_renamed", old=old, new=existing.name)]


def _chosen(ctx: Ctx, area: Area, then: str) -> list[Reply]:
    if then == "remove":
        rows = [[ctx.button(ctx.t("area_button_yes_remove"), "area.remove", area=area.id),
                 ctx.button(ctx.t("button_cancel"), "area.cancel")]]
        return [ctx.reply("area_confirm_remove", rows, name=area.name)]
    ctx.set_state(FLOW, "rename", {"area": area.id})
    return [ctx.reply("area_ask_new_name", name=area.name)]


def on_cancel(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    ctx.clear_state()
    return [ctx.reply("cancelled")]


def _grid(buttons: list[Button], width: int = 2) -> list[list[Button]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


FEATURE = Feature(
    commands=(Command(("gebied", "area", "gebieden", "areas"), Capability.LOG_VISIT, show,
                      "cmd_gebied"),),
    buttons={
        "area.add": (Capability.MANAGE_AREAS, on_add),
        "area.parent": (Capability.MANAGE_AREAS, on_parent),
        "area.pick": (Capability.MANAGE_AREAS, on_pick),
        "area.do": (Capability.MANAGE_AREAS, on_do),
        "area.remove": (Capability.MANAGE_AREAS, on_remove),
        "area.cancel": (Capability.MANAGE_AREAS, on_cancel),
    },
    text_flows={FLOW: on_text},
)
