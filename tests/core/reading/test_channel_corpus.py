"""The tuning corpus of phone-style notes: channel, initiative and the reciprocity ledger."""

from __future__ import annotations

from core.reading.channel import ChannelReading, read_channel
from tests.core.reading.channel_corpus import CASES, Case

# Cases the reader gets wrong today, with the reason; an empty dict means all of them pass.
KNOWN_MISSES: dict[str, str] = {}


def _misses(case: Case, reading: ChannelReading) -> list[str]:
    wrong: list[str] = []
    if reading.kind != case.kind:
        wrong.append(f"kind {reading.kind!r} != {case.kind!r}")
    if reading.initiated_by != case.initiated_by:
        wrong.append(f"initiative {reading.initiated_by!r} != {case.initiated_by!r}")
    for name, expected, got in (("shared", case.shared, reading.shared),
                                ("asked", case.asked, reading.asked),
                                ("promised", case.promised, reading.promised)):
        joined = " | ".join(got).lower()
        if expected is None and got:
            wrong.append(f"{name} read {got!r} where nothing was said")
        elif expected is not None and expected.lower() not in joined:
            wrong.append(f"{name} {got!r} lacks {expected!r}")
    return wrong


def test_the_corpus_is_large_enough_to_tune_on() -> None:
    assert len(CASES) >= 40
    assert len({case.message for case in CASES}) == len(CASES)


def test_every_corpus_message_is_read_right_or_is_a_known_miss() -> None:
    failures = {case.message: _misses(case, read_channel(case.message)) for case in CASES}
    failures = {message: wrong for message, wrong in failures.items() if wrong}
    assert set(failures) == set(KNOWN_MISSES), failures
