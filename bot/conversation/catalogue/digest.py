"""Texts of keeping in touch: the morning digest and the weekly overview."""

from __future__ import annotations

NL: dict[str, str] = {}

EN: dict[str, str] = {}
