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
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:real-looking-token")

    settings = Settings()

    assert "real-looking-token" not in repr(settings)
    assert settings.uses_telegram


def test_an_unknown_time_zone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEZONE", "Europe/Atlantis")

    with pytest.raises(ValidationError, match="time zone"):
        Settings()
