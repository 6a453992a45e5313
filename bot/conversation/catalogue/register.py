"""Texts of the network register: contacts, organisations, briefings."""

from __future__ import annotations

NL: dict[str, str] = {}

EN: dict[str, str] = {}
