"""Whether a number is a change (and which way), a comparison, or a level.

- a sign: "+1,5 %", "−2 %", and a hyphen written as a minus ("(201 727 машин -11%)"), except
  after a level verb ("инфляция составила -0,5 %": a negative level); the value is then the
  size of the change ("-11%": 11, decrease);
- "до N", "с N" are levels ("выросла с 76 % до 89 %");
- a comparative next to the number ("на 5,4 % ниже уровня 2016 года", "меньше
  среднереспубликанского показателя на 7,5 %", "в 30 раз выше средней зарплаты"): the
  phrase it is compared with says which: a time (`comparison_frames.tsv`) makes a change, a
  peer (an average, another territory or group) a comparison, with no change;
- a change word (`change_words.tsv`) of the number's clause: any word before "на N" and
  around "в N раз" ("вырос на 2 %", "увеличился в 3 раза"), a noun before or after other
  numbers ("прирост … составил 5 %", "70-процентное увеличение"). Words before an earlier
  number of the clause are that number's ("снизились на 4 % и составили 51 млн долларов");
- when the clause says nothing, the sentence: "(на 4,9 п.п.)", "или в 5 раз", "– в 28 раз"
  take the change word before them; "прирост инвестиций, который составил 4,2 %" and
  "Снижение объёмов … составило 7,5 %" the change noun that is the subject.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lexicons import read_table
from ..morph import Morph, fold

WORD = re.compile(r"\w+")
LEVEL_PREPOSITIONS = {"до", "с", "со", "от"}  # "с 76 % до 89 %": the levels a change goes between
PHRASE_END = re.compile(r"[;()\n]|,(?!\s*чем)")  # the compared-with phrase: "выше, чем у …", not "меньше, сербов – …"
PHRASE_WORDS = 8
ELIDED = {"на", "или", "а", "и", "почти", "практически", "примерно", "около", "еще", "ещё"}  # "(на 4,9 п.п.)", "или в 5 раз"
LEVEL_VERBS = ("состав", "достиг", "достигл")  # "составил 7,5 %": the subject may be the change
SKIP = {"в", "во", "за", "на", "по", "году", "годом", "года", "год", "итогам", "итогах"}  # before a sentence's subject
RELATIVE = "котор"  # "прирост …, который составил 4,2 %"


@dataclass
class Reading:
    change: str | None = None
    comparison: bool = False
    signed: bool = False  # the change is the number's own sign: its value is the size


@dataclass
class ChangeLexicon:
    comparatives: list[tuple[str, str]]  # (stem, direction)
    frames: list[tuple[str, str]]  # (stem, "time" | "peer")

    @classmethod
    def load(cls) -> "ChangeLexicon":
        comparatives = [(r["stem"], r["direction"]) for _, r in read_table("comparatives.tsv", ("direction", "stem"), 2)]
        frames = [(r["stem"], r["frame"]) for _, r in read_table("comparison_frames.tsv", ("frame", "stem"), 2)]
        return cls(comparatives, frames)

    def comparative(self, word: str) -> str | None:
        folded = fold(word)
        return next((d for stem, d in self.comparatives if folded.startswith(stem)), None)

    def frame(self, phrase: str, place: bool) -> str | None:
        """"time" or "peer": what a compared-with phrase names; a place is a peer."""
        words = [fold(w) for w in WORD.findall(phrase)[:PHRASE_WORDS]]
        found = {f for w in words for stem, f in self.frames if w.startswith(stem)}
        if "time" in found or any(re.fullmatch(r"\d{4}", w) for w in words):
            return "time"
        return "peer" if found or place else None


class ChangeReader:
    def __init__(self, direction: Callable[[str], str | None], morph: Morph, lexicon: ChangeLexicon) -> None:
        self.direction = direction
        self.morph = morph
        self.lexicon = lexicon

    def read(
        self, text: str, sentence: tuple[int, int], clause: tuple[int, int], span: tuple[int, int], kind: str,
        previous_end: int, places: list[tuple[int, int]],
    ) -> Reading:
        """What the number at `span` is; `previous_end`: where the number before it in its
        sentence ends; `places`: spans of the places named around it."""
        start, end = span
        before = list(WORD.finditer(text, max(clause[0], previous_end), start))
        after = list(WORD.finditer(text, end, sentence[1]))
        if kind == "percent" and self._signed(text, start, before):
            return Reading("increase" if "+" in text[max(start - 1, 0) : start + 1] else "decrease", signed=True)
        if kind != "ratio" and before and fold(before[-1].group()) in LEVEL_PREPOSITIONS:
            return Reading()
        by_na = kind != "ratio" and bool(before) and fold(before[-1].group()) == "на"
        compared = self._compared(text, sentence, before, after, by_na or kind == "ratio", places)
        if compared is not None:
            return compared
        found = self._clause(before, [w for w in after if w.start() < clause[1]], kind, by_na)
        if found is None:
            found = self._sentence(text, sentence, clause, before, kind, by_na, previous_end)
        return Reading(found)

    @staticmethod
    def _signed(text: str, start: int, before: list[re.Match[str]]) -> bool:
        """"+1,5 %", "−2%" (a minus sign, not a dash); "-11%" when it follows no level verb."""
        sign = text[max(start - 1, 0) : start + 1]
        if "+" in sign or "−" in sign:
            return True
        level = bool(before) and fold(before[-1].group()).startswith(LEVEL_VERBS)
        return text[start : start + 1] == "-" and not level  # the number's text starts with its sign

    def _compared(self, text, sentence, before, after, shaped, places) -> Reading | None:
        """"на 5 % больше уровня 2018 года" (a change), "в 30 раз выше средней зарплаты" (a comparison)."""
        word = after[0] if after and self.lexicon.comparative(after[0].group()) else None
        if word is not None:
            stop = PHRASE_END.search(text, word.end(), sentence[1])
            lo, hi = word.end(), stop.start() if stop else sentence[1]
        elif shaped:  # "меньше средне республиканского показателя на 7,5 %"
            word = next((w for w in reversed(before) if self.lexicon.comparative(w.group())), None)
            if word is None:
                return None
            lo, hi = word.end(), before[-1].start()
        else:
            return None
        direction = self.lexicon.comparative(word.group())
        place = any(lo <= p < hi for p, _ in places)
        if self.lexicon.frame(text[lo:hi], place) == "peer":
            return Reading(None, True)
        return Reading(direction)

    def _clause(self, before, after, kind, by_na) -> str | None:
        words = [w.group() for w in before]
        if kind == "ratio":  # "увеличился в 3 раза", "в 26 раз больше"; not "в 1,2 раза при сокращении …"
            for word in [w.group() for w in after[:1]] + words[::-1]:
                if self.direction(word):
                    return self.direction(word)
            return None
        for word in reversed(words[:-1] if by_na else words):
            found = self.direction(word)
            if found and (by_na or self._is_noun(word)):  # "прирост … составил 5%" is a change too
                return found
        if not by_na and after and self._is_noun(after[0].group()):  # "70-процентное увеличение"
            return self.direction(after[0].group())
        return None

    def _sentence(self, text, sentence, clause, before, kind, by_na, previous_end) -> str | None:
        """The change word of the sentence, for a number whose clause names none."""
        words = [fold(w.group()) for w in before]
        if (kind == "ratio" or by_na) and set(words) <= ELIDED:  # "(на 4,9 п.п.)", "или в 5 раз", "– в 28 раз"
            for w in reversed(list(WORD.finditer(text, sentence[0], clause[0]))):
                if self.direction(w.group()):
                    return self.direction(w.group())
            return None
        if words and words[0].startswith(RELATIVE):  # "прирост инвестиций …, который составил 4,2 %"
            for w in list(reversed(list(WORD.finditer(text, sentence[0], clause[0]))))[:6]:
                if self._is_noun(w.group()) and self.direction(w.group()):
                    return self.direction(w.group())
            return None
        if words and words[-1].startswith(LEVEL_VERBS):  # "Снижение объёмов … составило 7,5 %"
            for w in WORD.finditer(text, max(sentence[0], previous_end), clause[0]):
                word = fold(w.group())
                if word in SKIP or word.isdigit():
                    continue
                return self.direction(word) if self._is_noun(word) else None
        return None

    def _is_noun(self, word: str) -> bool:
        return self.morph.best(word).tag.POS == "NOUN"
