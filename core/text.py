"""Text from outside made safe to keep and to show, and cells made safe for a spreadsheet.

Every entrance uses `clean`: the conversation (whatever a chat service hands over), the
importer (every cell) and the command line. Control characters could drive a terminal (ANSI
escape codes) and bidirectional overrides make a name show reversed ("Jan" looking like
"naJ", a file name hiding its real extension); both are removed, and the text is put in
Unicode's composed form (NFC) so "é" typed two ways is one name.

`spreadsheet_cell` is for files a person opens in Excel or LibreOffice: a cell starting with
`=`, `+`, `-`, `@`, a tab or a carriage return may run as a formula, so it gets a single quote
in front (OWASP's advice for CSV injection). Plain numbers such as "+31 6 12345678" are left
as they are: digits and `+ - ( ) . /` cannot call a function or reach another cell.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embeddings, overrides and isolates, and the invisible direction marks.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A terminal's escape sequences (CSI "ESC [ … letter", OSC "ESC ] … BEL or ESC \\", and the
# two-character ones) go whole, not only their ESC: "[31m" left behind is noise in a name.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC
    r"|\x1b[@-Z\\-_]"  # two characters
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the one-byte CSI
)
_PLAIN_NUMBER = re.compile(r"^[+-]?[\d\s().,/+-]*\d[\d\s().,/+-]*$")


def _dropped(character: str, *, keep_lines: bool) -> bool:
    if character in BIDI_CONTROLS:
        return True
    if character in "\n\t":
        return not keep_lines
    code = ord(character)
    return code < 0x20 or 0x7F <= code <= 0x9F


def clean(text: str, *, keep_lines: bool = True) -> str:
    """`text` without control characters or bidi overrides, in NFC.

    With `keep_lines` a newline and a tab stay (a message may have paragraphs); a carriage
    return becomes a newline ("\\r\\n" one newline). Without it they go too (a name, a cell).
    """
    text = _ESCAPE_SEQUENCE.sub("", text)
    if keep_lines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(c for c in text if not _dropped(c, keep_lines=keep_lines))
    return unicodedata.normalize("NFC", kept)


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet could take `value` for a formula (and it is not a plain number)."""
    return value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(value)


def spreadsheet_cell(value: str) -> str:
    """The value as a spreadsheet shows it as text: a formula-looking one gets a `'` first."""
    return f"'{value}" if looks_like_formula(value) else value


def from_spreadsheet_cell(value: str) -> str:
    """The value `spreadsheet_cell` was given: the quote it added comes off again, so an
    export imports as what was exported."""
    if value.startswith("'") and looks_like_formula(value[1:]):
        return value[1:]
    return value
