"""razdel 0.5's sentences and tokens at regex-scan speed, exactly (tests/text/test_razdel_fast.py
compares them with razdel's over every corpus).

razdel builds a record, a window and a rule run for every atom and every candidate
delimiter, though its rules decide something at few of them. Here:

- tokens: razdel's own atom regex, scanned once; two atoms with no gap between them
  are tested by razdel's join rules, written out below (they only ever join: a pair
  no rule joins splits, so their order does not matter), and never two letter or
  digit atoms, which no rule joins;
- sentences: razdel's own delimiter regex, where a space follows: a delimiter with no
  space after it never ends a sentence (razdel's `no_space_prefix` joins it); at the
  others razdel's own rules decide, on the same split record razdel builds.

Both work on `text[start:end]` in place and give absolute (start, end) offsets.
"""
from __future__ import annotations

import re

from razdel.segmenters.punct import DASHES, ENDINGS
from razdel.segmenters.sentenize import SentSplit
from razdel.segmenters.sentenize import sentenize as _sentenize
from razdel.segmenters.tokenize import ATOM, SMILE

# the atom kinds, by group number of razdel's ATOM regex
RU, LAT, INT, PUNCT, OTHER = 1, 2, 3, 4, 5
assert [ATOM.groupindex[name] for name in ("RU", "LAT", "INT", "PUNCT", "OTHER")] == [RU, LAT, INT, PUNCT, OTHER]

SENT_WINDOW = _sentenize.split.window  # characters of context each side of a delimiter
# razdel's delimiter regex, where a space follows: the same matches as razdel's less those
# its `no_space_prefix` joins (a smile or a delimiter char is never inside another match)
_DELIMITER = re.compile(_sentenize.split.pattern + r"(?=\s)")
# razdel's "2112" rules: a delimiter atom between two atoms, (delimiter chars, joins(left kind, right kind))
_NOT_PUNCT = lambda left, right: left != PUNCT and right != PUNCT  # noqa: E731
_BOTH_INT = lambda left, right: left == INT and right == INT  # noqa: E731
_RULES_2112 = ((DASHES, _NOT_PUNCT), ("_", _NOT_PUNCT), (".,", _BOTH_INT), ("/\\", _BOTH_INT))
_WORDLIKE = (OTHER, RU, LAT)

Atom = tuple[int, int, int]  # start, end, kind


def atoms(text: str, start: int = 0, end: int | None = None) -> list[Atom]:
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.lastindex) for m in ATOM.finditer(text, start, end)]


def joins(text: str, atoms: list[Atom], i: int, token_start: int) -> bool:
    """Whether razdel's rules join atom i to atom i - 1, which it touches; the token so
    far starts at `token_start`."""
    l_start, l_end, left = atoms[i - 1]
    r_start, r_end, right = atoms[i]
    if (left == OTHER and right in _WORDLIKE) or (left in _WORDLIKE and right == OTHER):
        return True  # razdel's `other`: ΔP, mβж
    l_text, r_text = text[l_start:l_end], text[r_start:r_end]
    if left == PUNCT and right == PUNCT:  # razdel's `punct`: a smile, "?!", "--", "**"
        if (l_text in ENDINGS and r_text in ENDINGS) or l_text + r_text in ("--", "**"):
            return True
        if SMILE.match(text[token_start:r_end]):  # on a slice: `^` holds at pos 0 only
            return True
    if r_text == "!" and l_text.lower() == "yahoo":
        return True
    for chars, rule in _RULES_2112:  # a delimiter atom: rule on the atoms either side of it
        if left == PUNCT and l_text in chars:
            if i >= 2 and rule(atoms[i - 2][2], right):
                return True
        elif right == PUNCT and r_text in chars:
            if i + 1 < len(atoms) and rule(left, atoms[i + 1][2]):
                return True
    return False


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """razdel.tokenize(text[start:end]) as absolute (start, end) spans."""
    found = atoms(text, start, end)
    out: list[tuple[int, int]] = []
    token_start = prev_end = -1
    for i, (a_start, a_end, kind) in enumerate(found):
        if a_start != prev_end or (kind <= INT and found[i - 1][2] <= INT) or not joins(text, found, i, token_start):
            if token_start >= 0:
                out.append((token_start, prev_end))
            token_start = a_start
        prev_end = a_end
    if token_start >= 0:
        out.append((token_start, prev_end))
    return out


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """razdel.sentenize(text[start:end]) as absolute (start, end) spans."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    current = start  # where razdel's buffer, the sentence so far, begins
    for match in _DELIMITER.finditer(text, start, end):
        d_start, d_end = match.span()
        split = SentSplit(text[max(start, d_start - SENT_WINDOW) : d_start], match.group(1), text[d_end : min(d_end + SENT_WINDOW, end)])
        split.buffer = text[current:d_start]
        if not _sentenize.join(split):
            out.append(_stripped(text, current, d_end, out[-1][1] if out else start))
            current = d_end
    out.append(_stripped(text, current, end, out[-1][1] if out else start))
    return out


def _stripped(text: str, start: int, end: int, after: int) -> tuple[int, int]:
    """text[start:end] without its outer spaces, as razdel finds it (an empty one: at `after`)."""
    chunk = text[start:end]
    stripped = chunk.lstrip()
    if not stripped:
        return after, after
    begin = start + len(chunk) - len(stripped)
    return begin, begin + len(stripped.rstrip())
