"""Settings: the only place that reads the environment (and `.env`)."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Values copied from examples or docs that must never run in production.
PLACEHOLDERS = {"changeme", "change-me", "placeholder", "your-token-here", "xxx", "secret",
                "token", "password", "example"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = "sqlite:///data/netwerk.db"
    timezone: str = "Europe/Amsterdam"
    sweep_seconds: float = Field(default=30.0, gt=0)
    log_level: str = "INFO"
    digest_time: time = time(8, 30)  # working mornings: follow-ups due and contacts going quiet

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = 8443

    matrix_homeserver: str | None = None
    matrix_user_id: str | None = None
    matrix_password: SecretStr | None = None
    matrix_access_token: SecretStr | None = None
    # The Matrix device, end-to-end keys and sync position: protect it like the database.
    matrix_store_dir: Path = Path("data/matrix")
    # Keycap reactions (1️⃣ 2️⃣ …) under messages with choices, so a click presses a button.
    matrix_reactions: bool = True

    # The key that seals names, notes and drafts at rest (32 bytes, URL-safe base64); without
    # it, the key file (created for a new, empty register). Keep a copy apart from backups.
    data_key: SecretStr | None = None
    data_key_file: Path = Path("data/netwerkregie.key")

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """`KEY=` in a .env file means "not set", not "set to nothing"."""
        return None if value == "" else value

    @field_validator(
        "telegram_bot_token", "telegram_webhook_secret", "matrix_password",
        "matrix_access_token", "data_key",
    )
    @classmethod
    def _no_placeholder(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            raw = value.get_secret_value().strip().lower()
            if raw in PLACEHOLDERS or raw.startswith("<") or "changeme" in raw:
                raise ValueError("is still a placeholder; put the real value in .env")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _webhook_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        """Telegram accepts 1–256 characters A-Z, a-z, 0-9, _ and - as a secret token."""
        if value is not None:
            raw = value.get_secret_value()
            if not (1 <= len(raw) <= 256) or not all(c.isalnum() or c in "_-" for c in raw):
                raise ValueError("may only contain letters, digits, _ and - (max 256)")
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def uses_telegram(self) -> bool:
        return self.telegram_bot_token is not None

    @property
    def uses_matrix(self) -> bool:
        return self.matrix_homeserver is not None
