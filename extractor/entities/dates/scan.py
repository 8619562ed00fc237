"""One call of `DateRecognizer.find`: the scan of the master regex over a text.

Each hit is handed to the rule of its alternative (`RULES` in
`extractor.entities.dates`); a rule returns a list of candidates, `None` to let
the next alternative try at the same position, or `[]` to skip the text matched
("31 февраля 2023 года").  The candidates are then joined: a list of dates shares
its year ("30 июня и 1 июля 2019 года"), "с ... по ..." becomes one range.
The context tests the rules share (the preposition before a match, the word
after it, parentheses around it) are here too.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from ...grammars import date_words as W
from ...grammars.dates import DatePatterns
from .values import Candidate, DateMatch, first_word, fmt

#: a rule: the match of its alternative -> candidates, None (try the next
#: alternative here) or [] (no date, skip the match)
Handler = Callable[["Scan", re.Match[str]], "list[Candidate] | None"]

#: what may stand between the items of a list of dates sharing one year
_LIST_GLUE = re.compile(r"\s*(?:,|и|или|а также|,\s*а также)?\s*", re.IGNORECASE)
HSPACE = frozenset(" \xa0\t\u2009\u202f\u2002\u2003\u2007\u2008\u200a\u3000")
_AFTER_PAREN_ITEM = frozenset("),;-‐‑‒–—―−")
_PAREN_CONTEXT = 60


class Scan:
    """One call of `find`: the text, the document date and the scan state."""

    def __init__(self, patterns: DatePatterns, rules: Mapping[str, Handler], text: str,
                 doc: dt.date | None, include_preposition: bool) -> None:
        self.patterns = patterns
        self.rules = rules
        self.text = text
        self.doc = doc
        self.include_preposition = include_preposition
        self.prev_end = 0  # end of the last candidate: a preposition is not looked for before it

    def run(self) -> list[Candidate]:
        """The candidates of the text, joined into lists and ranges, in text order."""
        text = self.text
        cands: list[Candidate] = []
        search = self.patterns.master.search
        pos = 0
        while (m := search(text, pos)) is not None:
            res, end = self._match(m)
            if res:
                cands.extend(res)
                self.prev_end = res[-1].ce
            pos = max(end, m.start() + 1)
        if not cands:
            return []
        self._share_years(cands)
        return self._merge_ranges(cands)

    # ----------------------------------------------------------- machinery

    def _match(self, m: re.Match[str]) -> tuple[list[Candidate] | None, int]:
        """The rule of the alternative that matched, else those after it at the same
        position (the master regex stops at the first alternative that matches)."""
        name = m.lastgroup
        assert name is not None
        res = self._apply(name, m)
        if res is not None:
            return res, m.end()
        order = self.patterns.order
        for alt in order[order.index(name) + 1:]:
            m2 = self.patterns.single(alt).match(self.text, m.start())
            if m2 is None:
                continue
            res = self._apply(alt, m2)
            if res is not None:
                return res, m2.end()
        return None, m.start()

    def _apply(self, name: str, m: re.Match[str]) -> list[Candidate] | None:
        res = self.rules[name](self, m)
        for c in res or ():
            c.rule = c.rule or name
        return res

    def _lead(self, cs: int) -> tuple[int, str | None, str | None]:
        """(start, preposition, modifier) of the words right before `cs`."""
        lo = max(self.prev_end, cs - 40, 0)
        m = self.patterns.lead.search(self.text, lo, cs)
        if m is None or m.start() == cs:
            return cs, None, None
        prep = m.group("prep")
        mod = m.group("mod")
        if prep is not None:
            prep = " ".join(prep.lower().replace("c", "с").split())
        return m.start(), prep, (W.MODIFIER_FORMS[mod.lower()] if mod else None)

    def cand(self, cs: int, ce: int, **kw) -> Candidate:
        """A candidate for text[cs:ce] with the preposition and modifier before it."""
        ls, prep, mod = self._lead(cs)
        return Candidate(cs=cs, ce=ce, lead_start=ls, prep=prep, mod=mod, **kw)

    def emit(self, c: Candidate) -> DateMatch:
        if self.include_preposition or c.mod is not None or (c.range_start and c.prep):
            start = c.lead_start
        else:
            start = c.cs
        return DateMatch(start, c.ce, self.text[start:c.ce], self.value_of(c), c.mod, c.rel, c.prep)

    def value_of(self, c: Candidate) -> str:
        if c.gran is None:
            return c.value
        y = c.y
        if y is None and self.doc is not None:
            y = self.doc.year
        return fmt(y, c.m, c.d if c.gran == "D" else None)

    def _share_years(self, cands: list[Candidate]) -> None:
        """"30 июня и 1 июля 2019 года": the first date takes the year of the second."""
        for i in range(len(cands) - 2, -1, -1):
            a, b = cands[i], cands[i + 1]
            if (a.gran is None or a.y_explicit or a.rel is not None or b.gran is None
                    or not b.y_explicit or b.rel is not None):
                continue
            if _LIST_GLUE.fullmatch(self.text, a.ce, b.lead_start) is None:
                continue
            a.y = _year_from(a, b)
            a.y_explicit = True
            a.rule += "+year"

    def _merge_ranges(self, cands: list[Candidate]) -> list[Candidate]:
        """"с 1 декабря 2009 года по 15 января 2010 года" -> one range."""
        out: list[Candidate] = []
        i = 0
        while i < len(cands):
            if i + 1 < len(cands) and self._is_range(cands[i], cands[i + 1]):
                out.append(self._range(cands[i], cands[i + 1]))
                i += 2
            else:
                out.append(cands[i])
                i += 1
        return out

    def _is_range(self, a: Candidate, b: Candidate) -> bool:
        """"с <a> по <b>", nothing between; neither a modifier phrase, a range, a vague date."""
        return (a.prep in W.RANGE_FROM and a.mod is None and b.prep in W.RANGE_TO and b.mod is None
                and not self.text[a.ce:b.lead_start].strip()
                and ".." not in a.value and ".." not in b.value
                and "REF" not in a.value + b.value)

    def _range(self, a: Candidate, b: Candidate) -> Candidate:
        if a.gran is not None and not a.y_explicit and b.y is not None and b.y_explicit:
            a.y = _year_from(a, b)
        return Candidate(cs=a.cs, ce=b.ce, value=f"{self.value_of(a)}..{self.value_of(b)}",
                         rel=a.rel or b.rel, lead_start=a.lead_start, prep=a.prep,
                         range_start=True, rule=f"{a.rule}..{b.rule}")

    # ---------------------------------------------- context the rules share

    def year_of(self, m: re.Match[str], p: str) -> tuple[int | None, bool, str | None]:
        """Year from the groups `<p>_y` / `<p>_ry` / `<p>_cy`: (year, explicit, rel)."""
        y = m.group(p + "_y")
        if y is not None:
            return int(y), True, None
        ry = m.groupdict().get(p + "_ry")
        if ry is not None:
            year, rel = self.rel_year(ry)
            return year, False, rel
        return (self.doc.year if self.doc is not None else None), False, None

    def rel_year(self, phrase: str) -> tuple[int | None, str]:
        """"прошлого года" -> (the document's year - 1, "-1Y"); "того же года": anaphoric."""
        first = first_word(phrase)
        if first == "того":
            return None, "ANAPH+0Y"
        off = W.RELATIVE_ADJECTIVES[first]
        return (self.doc.year + off if self.doc is not None else None), f"{off:+d}Y"

    def end_without_dot(self, end: int) -> int:
        """The dot of a final month abbreviation is usually the full stop too."""
        return end - 1 if self.text[end - 1] == "." else end

    def next_is_quantity(self, end: int) -> bool:
        """The word after `end` makes the number before it a quantity ("2000 рублей")."""
        m = self.patterns.next_word.match(self.text, end)
        if m is None:
            return False
        w = m.group("w").lower()
        return w in W.QUANTITY_WORDS or w.startswith(W.QUANTITY_WORD_PREFIXES)

    def next_word(self, end: int) -> str | None:
        m = self.patterns.next_word.match(self.text, end)
        return m.group("w").lower() if m is not None else None

    def future_follows(self, ce: int) -> bool:
        """The rest of the sentence after `ce` (200 characters at most) speaks of the future."""
        text = self.text
        sent_end = len(text)
        for stop in (".", "!", "?", "\n"):
            k = text.find(stop, ce, ce + 200)
            if k != -1:
                sent_end = min(sent_end, k)
        return self.patterns.future.search(text, ce, min(sent_end, ce + 200)) is not None


def _year_from(a: Candidate, b: Candidate) -> int:
    """The year of `a` written only with `b`: one earlier when a's month comes later
    ("с 1 декабря по 15 января 2010 года")."""
    assert b.y is not None
    return b.y - 1 if (b.m is not None and a.m is not None and a.m > b.m) else b.y


def skip_hspace(text: str, i: int) -> int:
    while i < len(text) and text[i] in HSPACE:
        i += 1
    return i


def in_parens(text: str, s: int, e: int) -> bool:
    """A year alone in parentheses or an item of a list in them.

    "(2003)", "(1994, 1997)", "(1903 — физика, 1911 — химия)".
    """
    i = s - 1
    while i >= 0 and text[i] in HSPACE:
        i -= 1
    if i < 0 or text[i] not in "(,—–":
        return False
    j = skip_hspace(text, e)
    if j >= len(text) or text[j] not in _AFTER_PAREN_ITEM:
        return False
    if text[i] == "(" and text[j] == ")":
        return True
    left = text[max(0, s - _PAREN_CONTEXT):s]
    right = text[e:e + _PAREN_CONTEXT]
    close = right.find(")")
    opening = right.find("(")
    return left.rfind("(") > left.rfind(")") and close >= 0 and (opening < 0 or opening > close)


def prev_word(text: str, s: int) -> str | None:
    """The word before position `s` (skipping spaces and one hyphen), lower case."""
    i = s - 1
    while i >= 0 and (text[i] in HSPACE or text[i] in "-‐‑"):
        i -= 1
    j = i
    while j >= 0 and (text[j].isalpha() or text[j] == "."):
        j -= 1
    return text[j + 1:i + 1].lower() if j < i else None
