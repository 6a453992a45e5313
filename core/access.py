"""Who may use the bot: invites, users, roles, and the audit trail of access decisions."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from storage.models import AuditEvent, Invite, Role, User

INVITE_TTL = timedelta(hours=72)
CONSOLE_TRANSPORT = "console"
CONSOLE_USER = "local"


def hash_token(token: str) -> str:
    """Only hashes of invite tokens are stored, so a database leak opens no door."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(session: Session, role: Role, now: datetime, ttl: timedelta = INVITE_TTL) -> str:
    """Make a single-use invite and return its token (256 random bits), shown once."""
    token = secrets.token_urlsafe(32)
    session.add(
        Invite(token_hash=hash_token(token), role=role, created_at=now, expires_at=now + ttl)
    )
    audit(session, now, "invite.created", None, f"role:{role}")
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
        .where(col(Invite.id) == invite.id, col(Invite.used_at).is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return RedeemError.USED
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
    """Record an access or data event. Never pass message text or tokens in `detail`."""
    session.add(
        AuditEvent(at=now, actor_user_id=actor_user_id, action=action, subject=subject,
                   detail=detail)
    )
