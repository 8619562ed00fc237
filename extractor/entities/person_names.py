"""Person names read in each gender and case, with the nominative of every word in each.

The words of a name agree in gender and case: "Марину Ковтун" is a woman (after "Марину",
a man's surname would read "Ковтуну"), "Мусы Мусаева" a man (a woman's would be
"Мусаевой"). Every (gender, case) is scored by the words that can be read in it; the ties
left ("Евгения Куйвашева": a woman in the nominative or a man in the genitive) are broken
by the Normalize stage, with the document's other mentions and the post before the name.

Surnames: pymorphy3 knows few and guesses them badly ("Идрисов" as the genitive plural of
"Идрис", "Мусаева" as a woman's first name), so their regular paradigms are data
(lexicons/surname_paradigms.tsv): a form's ending gives the nominative in each reading.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..lexicons import read_table
from ..morph import Morph, fold, restore_case

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS = ("masc", "femn")
HARD = frozenset("бвгджзклмнпрстфхцчшщ")
VOWELS = frozenset("аеёиоуыэюя")
NOT_NAMES = ("ова", "ева")  # endings of surnames pymorphy3 also has as women's names ("Мусаева", "Куйвашева")
ADJECTIVAL = ("ого", "его", "ому", "ему")  # adjectival forms: pymorphy3's adjective readings, not the weak rows

Key = tuple[str, str]  # (gender, case)
Options = dict[Key, tuple[str, float]]  # the nominative of a word in each reading, and its score


@dataclass(frozen=True)
class Ending:
    lemma: str  # the nominative's ending; "C": the stem's own hard consonant
    gender: str
    case: str
    form: str  # the ending of the form read
    strong: bool


@dataclass(frozen=True)
class Reading:
    """One way to read a name: its words in the nominative, for a gender and a case."""

    forms: tuple[str, ...]
    gender: str
    case: str
    known: int  # words that can be read in this gender and case
    score: float  # pymorphy3's scores of the first names and patronymics read so
    surname: str  # the folded nominative of the last word: the key a document's mentions share


def suffix_of(e: Ending) -> str:
    """The letters an ending adds to the stem ("C": the stem's own consonant is no suffix)."""
    return e.form[1:] if e.lemma == "C" else e.form


def load_endings() -> list[Ending]:
    out = []
    for _, row in read_table("surname_paradigms.tsv", ("lemma", "gender", "forms", "kind"), 4):
        for case, forms in zip(CASES, row["forms"].split()):
            out.extend(Ending(row["lemma"], row["gender"], case, form, row["kind"] == "strong") for form in forms.split("|") if form != "-")
    return out


def is_initial(words: list[str], i: int) -> bool:
    """"А" of "А.В. Бердников": one capital letter (the tokens are "А", ".", "В", ".")."""
    return len(words[i]) == 1 and words[i].isupper()


def is_word(word: str) -> bool:
    return len(word) > 1 and word[:1].isalpha()


def keep_yo(form: str, word: str) -> str:
    """The text's spelling: no ё added where it writes е ("Воробьев", not "Воробьёв")."""
    return form if "ё" in word.lower() else form.replace("ё", "е").replace("Ё", "Е")


def _title(word: str) -> str:
    return word.capitalize() if word.isupper() and len(word) > 4 else word


class NameMorph:
    def __init__(self, morph: Morph, endings: list[Ending] | None = None) -> None:
        self.morph = morph
        self.endings = endings if endings is not None else load_endings()
        # the endings by (strong, the last letter of the form's suffix; "" for none), in file order
        self.by_last: dict[tuple[bool, str], list[tuple[int, Ending]]] = {}
        for k, e in enumerate(self.endings):
            self.by_last.setdefault((e.strong, suffix_of(e)[-1:]), []).append((k, e))

    # -- one word ---------------------------------------------------------------

    def by_rule(self, word: str, strong: bool) -> Options:
        low = word.lower()
        out: Options = {}
        # only the endings whose suffix ends as the word does: a tenth of the file
        candidates = self.by_last.get((strong, low[-1:]), []) + self.by_last.get((strong, ""), [])
        for _, e in sorted(candidates, key=lambda item: item[0]):
            suffix = suffix_of(e)
            if not low.endswith(suffix):
                continue
            stem = len(low) - len(suffix)
            if stem < 2 or not self._stem_fits(e.lemma, low[:stem]) or (not strong and low.endswith(ADJECTIVAL)):
                continue
            nominative = word[:stem] + ("" if e.lemma == "C" else e.lemma)
            nominative = restore_case(nominative.lower(), word) if word.isupper() else nominative  # "Габсбург-Лотарингский"
            out.setdefault((e.gender, e.case), (nominative, 0.0))
        return out

    @staticmethod
    def _stem_fits(lemma: str, stem: str) -> bool:
        if lemma in ("C", "ь"):
            return stem[-1] in HARD
        if lemma == "й":
            return stem[-1] in VOWELS
        return True

    def is_surname(self, word: str) -> bool:
        """A Russian surname by its ending, and neither a first name, a patronymic, a common
        noun nor a known adjective ("Наздратенко", "Дубинин"; not "Валентина", "Вдова",
        "Лейпцигской", foreign "Кеннеди")."""
        if not self.by_rule(word, strong=True):
            return False
        parses = [p for p in self.morph.parse(word) if p.tag.number != "plur"]
        return not any("Name" in p.tag or "Patr" in p.tag or (p.tag.POS == "NOUN" and "Surn" not in p.tag)
                       or (p.tag.POS == "ADJF" and p.is_known) for p in parses)  # "Лейпцигской Баховской"

    def is_name_part(self, word: str) -> bool:
        parses = [p for p in self.morph.parse(word) if p.tag.number != "plur"]
        return any(g in p.tag for p in parses for g in ("Name", "Surn", "Patr")) or bool(self.by_rule(word, strong=True))

    def options(self, word: str, surname_slot: bool) -> Options:
        """The nominative of `word` in each (gender, case) it can be read in. Before the
        surname's slot (the last word), first names and patronymics, as pymorphy3 reads them;
        in it, a surname's ending outweighs pymorphy3's first-name readings ("Мусаева"), which
        only add their weight to the surname's readings they agree with ("Кристину": a woman's
        accusative sooner than a man's dative; no woman's name ends in -ова, -ева)."""
        parses = [p for p in self.morph.parse(word) if p.tag.number != "plur"]
        strong = self.by_rule(word, strong=True)
        out: Options = {}
        for p in parses:
            if "Name" in p.tag or "Patr" in p.tag:
                self._add(out, p, {"nomn", "sing"}, word)
        if out and not surname_slot:
            return out
        if strong:
            names = {key: value for key, value in out.items() if not fold(value[0]).endswith(NOT_NAMES)}
            return {key: (form, names[key][1] if names.get(key, ("",))[0] == form else 0.0) for key, (form, _) in strong.items()}
        for p in parses:
            if "Surn" in p.tag:
                self._add(out, p, {"nomn", "sing"}, word, with_gender=True)
        for key, value in self.by_rule(word, strong=False).items():
            out.setdefault(key, value)
        if not out and surname_slot:  # an adjectival surname pymorphy3 reads as an adjective ("Кветного")
            for p in parses:
                if p.tag.POS == "ADJF":
                    self._add(out, p, {"nomn", "sing"}, word, with_gender=True)
        return out

    def _add(self, out: Options, parse: Any, grammemes: set[str], word: str, with_gender: bool = False) -> None:
        genders = GENDERS if "ms-f" in parse.tag or parse.tag.gender is None else (str(parse.tag.gender),)
        for gender in genders:
            if gender not in GENDERS or parse.tag.case not in CASES:
                continue
            form = self.morph.inflect(parse, grammemes | ({gender} if with_gender else set()))
            if form:
                key = (gender, str(parse.tag.case))
                known = out.get(key)  # the scores of parses that read alike add up ("Шакирой": two)
                out[key] = (known[0], known[1] + parse.score) if known else (restore_case(form, word), parse.score)

    # -- a whole name -------------------------------------------------------------

    def readings(self, words: list[str]) -> list[Reading]:
        """Every (gender, case) reading, best first: most words read, then pymorphy3's scores of
        the first names ("Василия": a man's genitive more likely than the woman's name), then
        the nominative (initials and a surname alone: "С.Н. Пешперова" as written) and the
        other cases in the order of CASES ("Пушкину": a man's dative before a woman's
        accusative; the locative, after a preposition only, last)."""
        slots = [i for i, w in enumerate(words) if is_word(w) and not is_initial(words, i)]
        last = slots[-1] if slots else -1
        options = [self.options(w, i == last) if i in slots else {} for i, w in enumerate(words)]
        out = []
        for gender in GENDERS:
            for case in CASES:
                forms, known, score = [], 0, 0.0
                for word, opts in zip(words, options):
                    hit = opts.get((gender, case))
                    forms.append(keep_yo(hit[0], word) if hit else _title(word))
                    known += hit is not None
                    score += hit[1] if hit else 0.0
                surname = fold(forms[last]) if last >= 0 else ""
                out.append(Reading(tuple(forms), gender, case, known, score, surname))
        out.sort(key=lambda r: (-r.known, -round(r.score, 3), CASES.index(r.case)))
        return out


def choose(readings: list[Reading], hint: frozenset[str] = frozenset(), surnames: frozenset[str] = frozenset()) -> Reading:
    """The best of the readings that read the most words: one whose surname the document
    names elsewhere unambiguously ("Илюмжинова" beside "Кирсан Илюмжинов"), then one in a case
    the post before it allows ("губернатора … Евгения Куйвашева": the genitive)."""
    top = [r for r in readings if r.known == readings[0].known]
    return min(top, key=lambda r: (r.surname not in surnames, bool(hint) and r.case not in hint))


def settled(readings: list[Reading]) -> str | None:
    """The surname all the best readings agree on: evidence for the document's other
    mentions ("Кирсан Илюмжинов", not "Илюмжинова", which may be a woman's nominative)."""
    top = [r for r in readings if r.known == readings[0].known]
    names = {r.surname for r in top}
    return names.pop() if len(names) == 1 and readings[0].known else None
