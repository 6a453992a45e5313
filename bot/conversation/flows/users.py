"""`/gebruikers`: admins list who has access, change roles and grants, revoke users and invites.

Users are shown by number, role and transport only: no chat ids or account ids, which an
admin does not need to tell people apart in a list of a few dozen. Every change goes through
core.access, which audits it and keeps at least one admin.
"""

from __future__ import annotations

from bot.conversation import texts
from bot.conversation.context import Ctx
from bot.conversation.events import Button, Reply
from bot.conversation.routing import Command, Feature
from core.access import (
    AccessError,
    active_users,
    change_role,
    open_invites,
    revoke_invite,
    revoke_user,
    set_informal_grant,
)
from core.permissions import Capability
from storage.models import ButtonPayload, Invite, Role, User


def show(ctx: Ctx, _args: str) -> list[Reply]:
    users = active_users(ctx.session)
    lines = [ctx.t("users_title", count=len(users))]
    lines += [_line(ctx, user) for user in users]
    buttons = [ctx.button(ctx.t("users_button_person", number=u.id, role=_role(ctx, u.role)),
                          "users.show", user=u.id) for u in users]
    rows = _grid(buttons)
    invites = open_invites(ctx.session, ctx.now)
    rows.append([ctx.button(ctx.t("users_button_invites", count=len(invites)), "users.invites")])
    return [ctx.reply_text("\n".join(lines), rows)]


def on_list(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    return show(ctx, "")


def on_show(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    user = _target(ctx, payload)
    if user is None:
        return [ctx.reply("users_gone")]
    return [_card(ctx, user)]


def on_role_menu(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    user = _target(ctx, payload)
    if user is None:
        return [ctx.reply("users_gone")]
    buttons = [ctx.button(capital(_role(ctx, role)), "users.role", user=user.id, role=role.value)
               for role in Role if role != user.role]
    rows = [*_grid(buttons), [_back(ctx)]]
    return [ctx.reply("users_choose_role", rows, number=user.id, role=_role(ctx, user.role))]


def on_role(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    user = _target(ctx, payload)
    role = str(payload.data.get("role"))
    if user is None or role not in set(Role):
        return [ctx.reply("users_gone")]
    error = change_role(ctx.session, ctx.user, user, Role(role), ctx.now)
    if error is not None:
        return [_error(ctx, error, user)]
    return [ctx.reply("users_role_changed", number=user.id, role=_role(ctx, user.role)),
            *_card_if_still_admin(ctx, user)]


def on_grant(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    user = _target(ctx, payload)
    if user is None:
        return [ctx.reply("users_gone")]
    granted = bool(payload.data.get("granted"))
    error = set_informal_grant(ctx.session, ctx.user, user, granted, ctx.now)
    if error is not None:
        return [_error(ctx, error, user)]
    return [ctx.reply("users_granted" if granted else "users_withdrawn", number=user.id),
            _card(ctx, user)]


def on_revoke_ask(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    user = _target(ctx, payload)
    if user is None:
        return [ctx.reply("users_gone")]
    rows = [[ctx.button(ctx.t("users_button_yes_revoke"), "users.revoke", user=user.id),
             ctx.button(ctx.t("button_cancel"), "users.show", user=user.id)]]
    return [ctx.reply("users_confirm_revoke", rows, number=user.id, role=_role(ctx, user.role))]


def on_revoke(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    user = _user(ctx, payload)
    if user is None:
        return [ctx.reply("users_gone")]
    error = revoke_user(ctx.session, ctx.user, user, ctx.now)
    if error is not None:
        return [_error(ctx, error, user)]
    if user.id == ctx.user_id:  # another admin remains; this one has just left
        return [ctx.reply("users_revoked", number=user.id)]
    return [ctx.reply("users_revoked", number=user.id), *show(ctx, "")]


def on_invites(ctx: Ctx, _payload: ButtonPayload) -> list[Reply]:
    invites = open_invites(ctx.session, ctx.now)
    if not invites:
        return [ctx.reply("users_invites_none", [[_back(ctx)]])]
    lines = [ctx.t("users_invites_title", count=len(invites))]
    lines += [ctx.t("users_invite_line", **_invite_values(ctx, i)) for i in invites]
    rows = [[ctx.button(ctx.t("users_button_invite_revoke", **_invite_values(ctx, i)),
                        "users.invite_revoke", invite=i.id)] for i in invites]
    rows.append([_back(ctx)])
    return [ctx.reply_text("\n".join(lines), rows)]


def on_invite_revoke(ctx: Ctx, payload: ButtonPayload) -> list[Reply]:
    invite_id = payload.data.get("invite")
    invite = ctx.session.get(Invite, int(invite_id)) if isinstance(invite_id, int) else None
    if invite is None or invite.id is None:
        return [ctx.reply("users_invite_gone")]
    if not revoke_invite(ctx.session, ctx.user, invite.id, ctx.now):
        return [ctx.reply("users_invite_gone")]
    return [ctx.reply("users_invite_revoked", None, **_invite_values(ctx, invite)),
            *on_invites(ctx, payload)]


# --- helpers ---------------------------------------------------------------------------------


def _card(ctx: Ctx, user: User) -> Reply:
    seen = (ctx.when_date(user.last_seen_on) if user.last_seen_on is not None
            else ctx.t("users_seen_unknown"))
    lines = [ctx.t("users_card", number=user.id, you=_you(ctx, user),
                   role=_role(ctx, user.role), transport=_transport(ctx, user),
                   since=_day(ctx, user), seen=seen)]
    rows: list[list[Button]] = [[ctx.button(ctx.t("users_button_role"), "users.role_menu",
                                            user=user.id)]]
    if user.role == Role.COLLEAGUE:
        granted = user.informal_granted_at
        lines.append(ctx.t("users_card_informal_yes", since=ctx.when_date(
            granted.astimezone(ctx.tz).date())) if granted else ctx.t("users_card_informal_no"))
        rows.append([ctx.button(ctx.t("users_button_withdraw" if granted
                                      else "users_button_grant"),
                                "users.grant", user=user.id, granted=granted is None)])
    rows.append([ctx.button(ctx.t("users_button_revoke"), "users.revoke_ask", user=user.id)])
    rows.append([_back(ctx)])
    return ctx.reply_text("\n".join(lines), rows)


def _card_if_still_admin(ctx: Ctx, user: User) -> list[Reply]:
    """After a change to someone else (or to oneself while still an admin): their card again."""
    if ctx.user.role != Role.ADMIN:
        return []
    return [_card(ctx, user)]


def _line(ctx: Ctx, user: User) -> str:
    seen = (ctx.t("users_seen", day=ctx.when_date(user.last_seen_on))
            if user.last_seen_on is not None else "")
    informal = (ctx.t("users_line_informal")
                if user.role == Role.COLLEAGUE and user.informal_granted_at else "")
    return ctx.t("users_line", number=user.id, you=_you(ctx, user), role=_role(ctx, user.role),
                 transport=_transport(ctx, user), since=_day(ctx, user), seen=seen,
                 informal=informal)


def _error(ctx: Ctx, error: AccessError, user: User) -> Reply:
    return ctx.reply(f"users_error_{error}", number=user.id)


def _user(ctx: Ctx, payload: ButtonPayload) -> User | None:
    user_id = payload.data.get("user")
    return ctx.session.get(User, user_id) if isinstance(user_id, int) else None


def _target(ctx: Ctx, payload: ButtonPayload) -> User | None:
    """The user a button is about, while they still have access."""
    user = _user(ctx, payload)
    return user if user is not None and user.revoked_at is None else None


def _invite_values(ctx: Ctx, invite: Invite) -> dict[str, str]:
    return {"role": _role(ctx, invite.role),
            "until": ctx.when(invite.expires_at, "minute")}


def _role(ctx: Ctx, role: str) -> str:
    return ctx.t(f"role_{role}")


def _transport(ctx: Ctx, user: User) -> str:
    key = f"users_via_{user.transport}"
    return ctx.t(key) if key in texts.CATALOGUES["nl"] else user.transport


def _day(ctx: Ctx, user: User) -> str:
    return ctx.when_date(user.created_at.astimezone(ctx.tz).date())


def _you(ctx: Ctx, user: User) -> str:
    return ctx.t("users_you") if user.id == ctx.user_id else ""


def _back(ctx: Ctx) -> Button:
    return ctx.button(ctx.t("users_button_back"), "users.list")


def _grid(buttons: list[Button], width: int = 2) -> list[list[Button]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_ADMIN = Capability.MANAGE_USERS

FEATURE = Feature(
    commands=(Command(("gebruikers", "users"), _ADMIN, show, "cmd_gebruikers"),),
    buttons={
        "users.list": (_ADMIN, on_list),
        "users.show": (_ADMIN, on_show),
        "users.role_menu": (_ADMIN, on_role_menu),
        "users.role": (_ADMIN, on_role),
        "users.grant": (_ADMIN, on_grant),
        "users.revoke_ask": (_ADMIN, on_revoke_ask),
        "users.revoke": (_ADMIN, on_revoke),
        "users.invites": (_ADMIN, on_invites),
        "users.invite_revoke": (_ADMIN, on_invite_revoke),
    },
)
