"""Who may use the bot: invites, users, roles, and the audit trail of access decisions."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from core.audit import append
from storage.models import DialogState, Invite, Role, User

INVITE_TTL = timedelta(hours=72)
CONSOLE_TRANSPORT = "console"
CONSOLE_USER = "local"


# Audit actions of attempts that got nothing (counted by /status).
REFUSED = "access.refused"  # an unknown account wrote to the bot
INVITE_REJECTED = "invite.rejected"  # a /start with an unknown, used or expired code
DENIED = "access.denied"  # a known user tried what their role may not do


def hash_token(token: str) -> str:
    """Only hashes of invite tokens are stored, so a database leak opens no door."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(session: Session, role: Role, now: datetime, ttl: timedelta = INVITE_TTL,
                  *, contact_id: int | None = None, actor_user_id: int | None = None) -> str:
    """Make a single-use invite and return its token (256 random bits), shown once.

    A partner invite names the contact in the register it is for (core.partners): whoever
    redeems it is linked to that contact."""
    token = secrets.token_urlsafe(32)
    session.add(
        Invite(token_hash=hash_token(token), role=role, created_at=now, expires_at=now + ttl,
               contact_id=contact_id)
    )
    subject = f"contact:{contact_id}" if contact_id is not None else f"role:{role}"
    audit(session, now, "invite.created", actor_user_id, subject, role=role)
    return token


class RedeemError(StrEnum):
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Identity:
    """A chat account as a transport sees it."""

    transport: str
    external_id: str
    chat_id: str


def redeem_invite(
    session: Session, token: str, who: Identity, language: str, now: datetime
) -> User | RedeemError:
    """Turn an invite into a user, atomically: of two simultaneous redeems exactly one wins."""
    token_hash = hash_token(token.strip())
    invite = session.exec(select(Invite).where(Invite.token_hash == token_hash)).first()
    if invite is None:
        return RedeemError.UNKNOWN
    if invite.revoked_at is not None:
        return RedeemError.REVOKED
    if invite.used_at is not None:
        return RedeemError.USED
    if invite.expires_at <= now:
        return RedeemError.EXPIRED
    claimed = session.execute(
        update(Invite)
        .where(col(Invite.id) == invite.id, col(Invite.used_at).is_(None),
               col(Invite.revoked_at).is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(invite)  # a revoke or another redeem won the race
        return RedeemError.REVOKED if invite.revoked_at is not None else RedeemError.USED
    user = session.exec(
        select(User).where(User.transport == who.transport, User.external_id == who.external_id)
    ).first()
    if user is None:
        user = User(
            transport=who.transport,
            external_id=who.external_id,
            chat_id=who.chat_id,
            role=invite.role,
            language=language,
            created_at=now,
        )
    else:
        user.role, user.chat_id, user.revoked_at = invite.role, who.chat_id, None
    user.contact_id = invite.contact_id if invite.role == Role.PARTNER else None
    session.add(user)
    session.flush()
    invite.used_by_user_id = user.id
    session.add(invite)
    audit(session, now, "invite.redeemed", user.id, f"user:{user.id}", role=invite.role)
    return user


def find_user(session: Session, transport: str, external_id: str) -> User | None:
    """The active user behind a chat account, or None for strangers and revoked users."""
    user = session.exec(
        select(User).where(User.transport == transport, User.external_id == external_id)
    ).first()
    if user is None or user.revoked_at is not None:
        return None
    return user


def ensure_console_user(session: Session, now: datetime) -> User:
    """The terminal chat runs on the operator's own machine: its user is a coordinator."""
    user = session.exec(
        select(User).where(
            User.transport == CONSOLE_TRANSPORT, User.external_id == CONSOLE_USER
        )
    ).first()
    if user is None:
        user = User(
            transport=CONSOLE_TRANSPORT,
            external_id=CONSOLE_USER,
            chat_id=CONSOLE_USER,
            role=Role.COORDINATOR,
            created_at=now,
        )
        session.add(user)
        session.flush()
        audit(session, now, "user.console_created", user.id, f"user:{user.id}")
    return user


class AccessError(StrEnum):
    LAST_ADMIN = "last_admin"  # the change would leave nobody who can manage users
    NOT_GRANTABLE = "not_grantable"  # the grant means nothing for this role
    REVOKED = "revoked"  # the user's access was revoked already


def active_users(session: Session) -> list[User]:
    """Everyone who can use the bot now, oldest account first."""
    return list(session.exec(
        select(User).where(col(User.revoked_at).is_(None)).order_by(col(User.id))
    ).all())


def change_role(session: Session, actor: User, user: User, role: Role, now: datetime
                ) -> AccessError | None:
    """Give `user` another role; a grant on top of the old role lapses with it."""
    if user.revoked_at is not None:
        return AccessError.REVOKED
    if user.role == role:
        return None
    if role != Role.ADMIN and _last_admin(session, user):
        return AccessError.LAST_ADMIN
    before, user.role = user.role, role.value
    user.informal_granted_at = None
    session.add(user)
    _end_dialog(session, user)
    audit(session, now, "user.role_changed", actor.id, f"user:{user.id}", before=before,
          after=user.role)
    return None


def set_informal_grant(session: Session, actor: User, user: User, granted: bool,
                       now: datetime) -> AccessError | None:
    """Let a colleague see informal key figures by name, or take that back (design.md §5)."""
    if user.revoked_at is not None:
        return AccessError.REVOKED
    if user.role != Role.COLLEAGUE:
        return AccessError.NOT_GRANTABLE
    if (user.informal_granted_at is not None) == granted:
        return None
    user.informal_granted_at = now if granted else None
    session.add(user)
    if not granted:
        _end_dialog(session, user)
    audit(session, now, "user.informal_granted" if granted else "user.informal_withdrawn",
          actor.id, f"user:{user.id}")
    return None


def revoke_user(session: Session, actor: User | None, user: User, now: datetime
                ) -> AccessError | None:
    """End someone's access at once: from their next message on they are a stranger.

    `actor` None: the system did it (a partner's contact was erased)."""
    if user.revoked_at is not None:
        return AccessError.REVOKED
    if _last_admin(session, user):
        return AccessError.LAST_ADMIN
    user.revoked_at = now
    user.informal_granted_at = None  # a later invite starts from the role alone
    session.add(user)
    _end_dialog(session, user)
    audit(session, now, "user.revoked", actor.id if actor else None, f"user:{user.id}",
          role=user.role)
    return None


def _end_dialog(session: Session, user: User) -> None:
    """Drop an unfinished flow: it was opened under the old rights, and typed text inside a
    flow is not checked again (the command or button that opened it was)."""
    state = session.get(DialogState, user.id)
    if state is not None:
        session.delete(state)


def _last_admin(session: Session, user: User) -> bool:
    """Whether `user` is the only active admin (locked, so two admins cannot both step down)."""
    if user.role != Role.ADMIN:
        return False
    admins = session.exec(
        select(User).where(User.role == Role.ADMIN, col(User.revoked_at).is_(None))
        .with_for_update()
    ).all()
    return all(admin.id == user.id for admin in admins)


def open_invites(session: Session, now: datetime) -> list[Invite]:
    """Invites that could still be redeemed, the soonest to expire first."""
    return list(session.exec(
        select(Invite).where(col(Invite.used_at).is_(None), col(Invite.revoked_at).is_(None),
                             col(Invite.expires_at) > now)
        .order_by(col(Invite.expires_at))
    ).all())


def revoke_invite(session: Session, actor: User | None, invite_id: int, now: datetime) -> bool:
    """Withdraw an unused invite; False when it was used or revoked first (atomic, like redeem)."""
    revoked = session.execute(
        update(Invite)
        .where(col(Invite.id) == invite_id, col(Invite.used_at).is_(None),
               col(Invite.revoked_at).is_(None))
        .values(revoked_at=now)
    )
    if revoked.rowcount != 1:  # type: ignore[attr-defined]
        return False
    audit(session, now, "invite.revoked", actor.id if actor else None, f"invite:{invite_id}")
    return True


def mark_seen(user: User, today: date) -> None:
    """Remember the day of someone's last message (one write a day at most)."""
    if user.last_seen_on != today:
        user.last_seen_on = today


def set_language(session: Session, user: User, language: str) -> None:
    user.language = language
    session.add(user)


def audit(
    session: Session,
    now: datetime,
    action: str,
    actor_user_id: int | None,
    subject: str = "",
    **detail: Any,
) -> None:
    """Record an access or data event in the audit chain (core.audit). Never pass message text
    or tokens in `detail`."""
    append(session, now, action, actor_user_id, subject, **detail)
