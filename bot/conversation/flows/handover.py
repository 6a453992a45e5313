"""`/overdracht`: an admin hands a user's network over to a successor (core.handover).

Pick who leaves, then who takes over, then confirm with the counts; the buttons carry the two
user ids, and the final one is claimed, so a second press moves nothing twice. The handover
document names people, so it is sent protected, to the admin who did the handover.
"""

from __future__ import annotations

from bot.conversation.context import Ctx
from bot.conversation.events import Attachment, Button, Reply
from bot.conversation.routing import Command, Feature
from core import handover as core
from core.permissions import Capability
from storage.models import ButtonPayload, User

CAP = Capability.HAND_OVER_NETWORK


def start(ctx: Ctx, _args: str) -> list[Reply]:
    """Who leaves: every active staff member, with how many contacts they hold."""
    buttons = [ctx.button(ctx.t("ho_button_user", number=u.id, role=_role(ctx, u),
                                contacts=core.pending(ctx.session, _id(u)).contacts),
                          "handover.from", user=u.id)
               for u in core.staff(ctx.session)]
    return [ctx.reply("ho_choose_from", [[b] for b in buttons])]


def on_from(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    giver = _user(ctx, payload.data.get("user"))
    if giver is None:
        return [ctx.reply("stale_button")]
    others = [u for u in core.staff(ctx.session) if u.id != giver.id]
    if not others:
        return [ctx.reply("ho_nobody")]
    rows = [[ctx.button(ctx.t("ho_button_to", number=u.id, role=_role(ctx, u)), "handover.to",
                        giver=giver.id, successor=u.id)] for u in others]
    return [ctx.reply("ho_choose_to", rows, number=giver.id)]


def on_to(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    giver, successor = _pair(ctx, payload)
    if giver is None or successor is None:
        return [ctx.reply("stale_button")]
    error = core.check(ctx.session, _id(giver), _id(successor))
    if error is not None:
        return [_error(ctx, error, successor)]
    counts = core.pending(ctx.session, _id(giver))
    rows: list[list[Button]] = [[
        ctx.button(ctx.t("ho_button_do"), "handover.do", giver=giver.id, successor=successor.id),
        ctx.button(ctx.t("ho_button_cancel"), "handover.cancel"),
    ]]
    return [ctx.reply("ho_confirm", rows, giver=giver.id, successor=successor.id,
                      contacts=counts.contacts, follow_ups=counts.follow_ups,
                      meetings=counts.meetings)]


def on_do(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    giver, successor = _pair(ctx, payload)
    if giver is None or successor is None:
        return [ctx.reply("stale_button")]
    moved = core.hand_over(ctx.session, _id(giver), _id(successor), ctx.user_id, ctx.now)
    if isinstance(moved, core.HandoverError):
        return [_error(ctx, moved, successor)]
    document = core.document(ctx.session, moved, ctx.now.astimezone(ctx.tz))
    text = core.render_markdown(document, ctx.lang)
    name = ctx.t("ho_file_name", giver=giver.id, successor=successor.id,
                 date=document.made_on.isoformat())
    counts = moved.counts
    return [Reply(ctx.t("ho_done", giver=giver.id, successor=successor.id,
                        contacts=counts.contacts, follow_ups=counts.follow_ups,
                        meetings=counts.meetings),
                  protect=True, file=Attachment(name, text.encode("utf-8"), "text/markdown"))]


def on_cancel(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    if not ctx.claim(payload):
        return [ctx.reply("already_handled")]
    return [ctx.reply("ho_cancelled")]


def _error(ctx: Ctx, error: core.HandoverError, successor: User) -> Reply:
    return ctx.reply(f"ho_error_{error}", successor=successor.id)


def _pair(ctx: Ctx, payload: ButtonPayload) -> tuple[User | None, User | None]:
    return _user(ctx, payload.data.get("giver")), _user(ctx, payload.data.get("successor"))


def _user(ctx: Ctx, user_id: object) -> User | None:
    if not isinstance(user_id, int):
        return None
    return ctx.session.get(User, user_id)


def _id(user: User) -> int:
    assert user.id is not None
    return user.id


def _role(ctx: Ctx, user: User) -> str:
    return ctx.t(f"role_{user.role}")


FEATURE = Feature(
    commands=(Command(("overdracht", "handover"), CAP, start, "cmd_overdracht"),),
    buttons={
        "handover.from": (CAP, on_from),
        "handover.to": (CAP, on_to),
        "handover.do": (CAP, on_do),
        "handover.cancel": (CAP, on_cancel),
    },
)
