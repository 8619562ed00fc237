"""The counted noun of a count, in the nominative singular, its adjectives agreeing with it.

"5 малых предприятий" counts "малое предприятие" (head "предприятие"); "3752 таких
специалиста" counts "такой специалист"; "366 учащихся", a substantivised participle,
counts "учащийся"; "10 крупных" names no noun, so no unit: an adjective is never one.
"""
from __future__ import annotations

from ..document import Token
from ..entities.normalize import join
from ..lexicons import read_table
from ..morph import Morph, Parse, restore_case

MODIFIERS = ("ADJF", "PRTF")


def load_abbreviations() -> dict[str, str]:
    return {row["abbreviation"]: row["noun"] for _, row in read_table("count_abbreviations.tsv", ("abbreviation", "noun"), 2)}


class CountedNoun:
    def __init__(self, morph: Morph, abbreviations: dict[str, str]) -> None:
        self.morph = morph
        self.abbreviations = abbreviations

    def phrase(self, tokens: list[Token]) -> tuple[str | None, str | None]:
        """(unit, unit head) of the counted-noun tokens of a count."""
        words = [t for t in tokens if t.text[:1].isalpha()]
        if len(words) == 1 and words[0].text.lower() in self.abbreviations:
            noun = self.abbreviations[words[0].text.lower()]
            return noun, noun
        head = self._head(words)
        if head is None:
            return None, None
        parse = self._noun_parse(words[head].text)
        if "UNKN" in parse.tag:
            return join(words[: head + 1], [t.text for t in words[: head + 1]]).lower(), words[head].text.lower()
        number = "plur" if "Pltm" in parse.tag else "sing"
        noun = (self.morph.inflect(parse, {"nomn", number}) or parse.normal_form).lower()
        gender = str(parse.tag.gender) if parse.tag.gender in ("masc", "femn", "neut") and number == "sing" else None
        forms = [self._agree(t.text, number, gender) for t in words[:head]] + [noun]
        return join(words[: head + 1], forms).lower(), noun

    def _head(self, words: list[Token]) -> int | None:
        """The first noun (or unknown word); else a substantivised adjective or participle ("учащихся"), the last one."""
        for i, tok in enumerate(words):
            tag = self.morph.best(tok.text).tag
            if tag.POS == "NOUN" or "UNKN" in tag:  # an unknown word stands as written
                return i
            if tag.POS not in MODIFIERS and any(p.tag.POS == "NOUN" for p in self.morph.parse(tok.text)):
                return i  # "4 ассиста": a short adjective first, but no adjective ends a count
        subst = [i for i, tok in enumerate(words) if "Subx" in self.morph.best(tok.text).tag]
        return subst[-1] if subst else None

    def _noun_parse(self, word: str) -> Parse:
        parses = self.morph.parse(word)
        return next((p for p in parses if p.tag.POS == "NOUN"), parses[0])

    def _agree(self, word: str, number: str, gender: str | None) -> str:
        parse = next((p for p in self.morph.parse(word) if p.tag.POS in MODIFIERS), None)
        if parse is None:
            return word
        grammemes = {"nomn", number} | ({gender} if gender else set())
        form = self.morph.inflect(parse, grammemes) or self.morph.inflect(parse, {"nomn", number})
        return restore_case(form, word) if form else word


def quantity_head(unit: str | None, morph: Morph) -> str | None:
    """The head noun of a measure unit ("квадратный метр" → "метр")."""
    if not unit:
        return None
    words = unit.split()
    return next((w for w in words if morph.best(w).tag.POS == "NOUN"), words[-1])
