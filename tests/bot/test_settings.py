"""Settings come from the environment, refuse placeholder secrets and never show them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.settings import Settings


def test_without_any_setting_the_bot_uses_local_sqlite_in_amsterdam_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir("/")  # no .env here
    for name in ("DATABASE_URL", "TELEGRAM_BOT_TOKEN", "TIMEZONE", "SWEEP_SECONDS"):
        monkeypatch.delenv(name, raising=False)

    settings = Settings()

    assert settings.database_url == "sqlite:///data/netwerk.db"
    assert settings.timezone == "Europe/Amsterdam"
    assert settings.sweep_seconds == 30
    assert not settings.uses_telegram


@pytest.mark.parametrize("placeholder", ["changeme", "<your token>", "CHANGEME-123"])
def test_a_placeholder_token_is_refused(monkeypatch: pytest.MonkeyPatch,
                                       placeholder: str) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", placeholder)

    with pytest.raises(ValidationError, match="placeholder"):
        Settings()


def test_an_empty_token_means_no_telegram(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")

    assert not Settings().uses_telegram


def test_a_token_never_appears_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:real-looking-token-for-the-settings-test")

    settings = Settings()

    assert "real-looking-token" not in repr(settings)
    assert settings.uses_telegram


def test_an_unknown_time_zone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEZONE", "Europe/Atlantis")

    with pytest.raises(ValidationError, match="time zone"):
        Settings()


@pytest.mark.parametrize("token", [
    "1", "test", "123456:kort", "abc:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
    "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDs aw",
])
def test_a_bot_token_not_shaped_like_botfathers_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)

    with pytest.raises(ValidationError, match="TELEGRAM_BOT_TOKEN heeft niet de vorm"):
        Settings()


@pytest.mark.parametrize("secret", ["1", "a" * 31])
def test_a_webhook_secret_under_32_characters_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", secret)

    with pytest.raises(ValidationError, match="TELEGRAM_WEBHOOK_SECRET moet 32 tot 256"):
        Settings()


def test_a_webhook_without_a_secret_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram")
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)

    with pytest.raises(ValidationError, match="zonder TELEGRAM_WEBHOOK_SECRET"):
        Settings()


def test_a_webhook_with_a_32_character_secret_is_accepted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram")
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "Ab3_-" * 6 + "xy")

    assert Settings().telegram_webhook_secret is not None


def test_a_data_key_shorter_than_32_bytes_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATA_KEY", "dGVzdA")

    with pytest.raises(ValidationError, match="DATA_KEY is geen sleutel van 32 bytes"):
        Settings()
