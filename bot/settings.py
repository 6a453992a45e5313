"""Settings: the only place that reads the environment (and `.env`)."""

from __future__ import annotations

import re
from datetime import time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.ratelimit import Limits
from core.referrals import Retention
from core.retention import RetentionPolicy
from core.tension import Tightening
from storage.crypto import KeyProblem, new_key_text, parse_key

# A token from @BotFather: the bot's number, a colon and about 35 characters.
TELEGRAM_TOKEN = re.compile(r"[0-9]{3,20}:[A-Za-z0-9_-]{30,64}")
# A webhook's secret is all that tells Telegram's calls from forged ones (192 bits at least).
MIN_WEBHOOK_SECRET = 32

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
    # /uren: the hours a week the role is meant to take (it often fits next to another job).
    hours_budget_per_week: float = Field(default=10.0, gt=0, le=80)
    # On SIGTERM: how long a message being handled and a delivery round get to finish.
    shutdown_grace_seconds: float = Field(default=10.0, ge=0)
    # PostgreSQL, several processes: how often a process that does not poll Telegram tries to
    # take over polling (and the poller checks it still holds the lock).
    poller_retry_seconds: float = Field(default=5.0, gt=0)

    # Retention terms (docs/retention.md gives the reasons): past its term a record is deleted,
    # wiped or anonymised by the nightly run, which leaves a tombstone and tells the admins.
    retention_interactions_years: int = Field(default=3, ge=1)
    retention_signals_years: int = Field(default=5, ge=1)
    retention_follow_ups_done_days: int = Field(default=365, ge=30)
    retention_stopped_contacts_days: int = Field(default=730, ge=30)
    retention_referral_after_feedback_days: int = Field(default=30, ge=1)
    retention_referral_without_feedback_days: int = Field(default=365, ge=30)
    retention_dialog_states_days: int = Field(default=30, ge=1)
    retention_button_payloads_days: int = Field(default=30, ge=1)
    retention_processed_updates_days: int = Field(default=30, ge=1)
    retention_outbox_days: int = Field(default=90, ge=1)
    retention_run_time: time = time(3, 0)  # local time from which the nightly run is due

    # How much more often contacts in a tense area are spoken to, per tension level: a factor
    # on their rhythm ("oranje=0.5": twice as often; a level not named keeps the factor of
    # the level below it; "nafase=0.75" tightens the aftermath; "geen": never). /spanning
    # shows it. RHYTHM_MIN_DAYS: a tightened rhythm is never shorter than this.
    rhythm_tightening: str = "oranje=0.5,rood=0.25"
    rhythm_min_days: int = Field(default=3, ge=1, le=60)

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = 8443
    # Telegram's send limits, kept by all processes together (core.ratelimit): messages a
    # second in all and into one chat, and the share of the first that reminders, digests
    # and other messages nobody is waiting for may use (replies keep the rest).
    telegram_sends_per_second: int = Field(default=30, ge=1)
    telegram_sends_per_chat_per_second: int = Field(default=1, ge=1)
    telegram_background_send_share: float = Field(default=0.8, gt=0, le=1)

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
    # Where the Dutch name lists the reader uses (deduce's) are kept, built once (mode 700).
    reader_cache_dir: Path = Path("data/cache")

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

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not TELEGRAM_TOKEN.fullmatch(value.get_secret_value().strip()):
            raise ValueError("TELEGRAM_BOT_TOKEN heeft niet de vorm van een token van "
                             "@BotFather: cijfers, een dubbele punt en zo'n 35 tekens (A-Z, "
                             "a-z, 0-9, _ en -)")
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _webhook_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        """Telegram accepts up to 256 characters A-Z, a-z, 0-9, _ and - as a secret token;
        fewer than 32 can be guessed."""
        if value is not None:
            raw = value.get_secret_value()
            if not all(c.isascii() and (c.isalnum() or c in "_-") for c in raw):
                raise ValueError("TELEGRAM_WEBHOOK_SECRET mag alleen letters, cijfers, _ en - "
                                 "bevatten")
            if not MIN_WEBHOOK_SECRET <= len(raw) <= 256:
                raise ValueError(f"TELEGRAM_WEBHOOK_SECRET moet {MIN_WEBHOOK_SECRET} tot 256 "
                                 f"willekeurige tekens lang zijn (nu {len(raw)})")
        return value

    @field_validator("rhythm_tightening")
    @classmethod
    def _tightening_shape(cls, value: str) -> str:
        Tightening.parse(value)
        return value

    @property
    def tightening(self) -> Tightening:
        return Tightening.parse(self.rhythm_tightening, self.rhythm_min_days)
    @field_validator("data_key")
    @classmethod
    def _data_key_shape(cls, value: SecretStr | None) -> SecretStr | None:
        """A key shorter than 32 bytes is refused here, before anything is opened with it."""
        if value is not None:
            try:
                parse_key(value.get_secret_value())
            except KeyProblem:
                raise ValueError("DATA_KEY is geen sleutel van 32 bytes in URL-safe base64, "
                                 f"zoals: {new_key_text()}") from None
        return value

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Settings:
        if self.telegram_webhook_url and self.telegram_webhook_secret is None:
            raise ValueError(f"TELEGRAM_WEBHOOK_URL staat aan zonder TELEGRAM_WEBHOOK_SECRET: "
                             f"zet dat op minstens {MIN_WEBHOOK_SECRET} willekeurige tekens "
                             "(letters, cijfers, _ en -), anders kan iedereen die het adres "
                             "kent berichten namens Telegram sturen")
        return self

    @property
    def retention(self) -> RetentionPolicy:
        return RetentionPolicy(
            interactions_years=self.retention_interactions_years,
            signals_years=self.retention_signals_years,
            follow_ups_done_days=self.retention_follow_ups_done_days,
            stopped_contacts_days=self.retention_stopped_contacts_days,
            dialog_states_days=self.retention_dialog_states_days,
            button_payloads_days=self.retention_button_payloads_days,
            processed_updates_days=self.retention_processed_updates_days,
            outbox_days=self.retention_outbox_days,
            referrals=Retention(
                after_feedback=timedelta(days=self.retention_referral_after_feedback_days),
                without_feedback=timedelta(days=self.retention_referral_without_feedback_days)),
            run_at=self.retention_run_time,
        )

    @property
    def telegram_send_limits(self) -> Limits:
        return Limits(per_second=self.telegram_sends_per_second,
                      per_chat_per_second=self.telegram_sends_per_chat_per_second,
                      background_share=self.telegram_background_send_share)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def uses_telegram(self) -> bool:
        return self.telegram_bot_token is not None

    @property
    def uses_matrix(self) -> bool:
        return self.matrix_homeserver is not None
