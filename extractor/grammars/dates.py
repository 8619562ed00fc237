"""The regex grammar of the Russian date recogniser.

Nothing here is compiled at import time: `compile_patterns()` builds the
regexes once, and `extractor.entities.dates.DateRecognizer` calls it from its
constructor.  The words the patterns are made of are plain data in
`extractor.grammars.date_words` (months in `extractor.grammars.words`).

Conventions for the pattern source:
* the whole master pattern is compiled with IGNORECASE; pieces that must keep
  their case (Roman numerals) are wrapped in `(?-i:...)`;
* words are separated by `SP`: one or more horizontal Unicode spaces (the
  ordinary space, NBSP, thin and other `str.isspace()` spaces, tab) but never a
  line break, so a date never runs over two lines;
* every top-level alternative of the master pattern is a named group, the name
  of its rule (`extractor.entities.dates.RULES` maps it to its handler); the
  groups inside an alternative carry the alternative's prefix so that names
  stay unique (`dmy_d`, `my_m`...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .date_words import (
    ANAPHORIC_DAY_PHRASES, APPROXIMATORS, DAY_WORDS, DEICTIC_DAYS, HALF_FORMS, HALF_YEAR_FORMS,
    HALF_YEAR_WORDS, MODIFIER_FORMS, NUMBER_WORDS, ORDINALS, PREPOSITIONS, QUARTER_FORMS,
    RELATIVE_ADJECTIVES, RELATIVE_CENTURIES, RELATIVE_NOUNS, SEASONS, UNIT_FORMS,
    VAGUE_COUNT_WORDS, VAGUE_PHRASES, WEEKDAYS,
)
from .pieces import DASH, OSP, SP, WEND, WSTART, alternation
from .words import MONTH_ABBREVIATIONS, MONTH_GENITIVE, MONTHS

#: verbs that put a bare weekday ("во вторник") in the future; searched in
#: the rest of the sentence, the weekday otherwise resolves to the past
FUTURE_MARKERS = (
    r"(?<![^\W_])(?:будет|будут|буду|состоится|состоятся|пройд[её]т|пройдут|планиру\w*"
    r"|намерен\w*|собира\w*|начн[её]тся|начнут|откроется|откроют|предстоит|ожидается"
    r"|ожидаются|проведут|провед[её]т|рассмотрит|рассмотрят|объявит|объявят|примет|примут"
    r"|посетит|подпишут|подпишет|выступит|встретится|встретятся|проголосуют|вступит)(?![^\W_])"
)

# --------------------------------------------------------------------------
# Regex building blocks (strings)
# --------------------------------------------------------------------------

YEAR4 = r"(?<![\d.,/№])(?:1\d{3}|20\d{2}|2100)(?!\d|[.,/]\d)"
#: ordinal suffix of a year: "2023-м", "2023-го", "2023-й"
YEAR_SUFFIX = r"-(?:го|й|м|му|ом|ый|ого|ому|ым)" + WEND
#: "год" in every case, "г", "гг" (the abbreviation dot is NOT part of it)
YEAR_WORD = (
    r"(?:год(?:а|у|ом|е|ы|ов|ам|ами|ах)?" + WEND + r"|гг?" + WEND + r"|г\.\s?г" + WEND + ")"
)
#: the plural year words that close a list "в 2003 и 2008 годах"
YEAR_WORD_PLURAL = r"(?:годы|годов|годам|годами|годах|гг)" + WEND
DAY = r"(?<![\d.,/])(?:0?[1-9]|[12]\d|3[01])(?:-?(?:го|е|ое|ого|м|й))?(?!\d)"
#: Roman numerals (centuries, quarters): upper case only; Cyrillic Х and І too
ROMAN = r"(?-i:[IVXХІ]{1,6})" + WEND


@dataclass(frozen=True)
class DatePatterns:
    master: re.Pattern[str]  # the one scan over the text
    lead: re.Pattern[str]  # preposition / modifier before a match (used on a short slice)
    next_word: re.Pattern[str]  # the word after a bare year
    future: re.Pattern[str]  # future-tense markers (weekday resolution)
    sources: dict[str, str]  # each alternative alone, for the rare fallback
    order: tuple[str, ...]  # names of the alternatives, in priority order
    _single: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)

    def single(self, name: str) -> re.Pattern[str]:
        """The alternative `name` alone, compiled on first use."""
        pat = self._single.get(name)
        if pat is None:
            pat = self._single[name] = re.compile(
                WSTART + f"(?P<{name}>{self.sources[name]})", re.IGNORECASE)
        return pat


def master_source(alts: list[tuple[str, str]] | None = None) -> str:
    """The source of the master pattern (for debugging and tests)."""
    body = "|".join(f"(?P<{n}>{s})" for n, s in (alts or alternatives()))
    return WSTART + "(?=" + first_word_source() + ")(?:" + body + ")"


def first_words() -> set[str]:
    """Every word that can begin a date expression (besides digits and Roman numerals)."""
    words: set[str] = set()
    for group in (MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS, SEASONS, ORDINALS, NUMBER_WORDS,
                  VAGUE_COUNT_WORDS, UNIT_FORMS, HALF_YEAR_WORDS, RELATIVE_ADJECTIVES,
                  DAY_WORDS, APPROXIMATORS,
                  DEICTIC_DAYS, ANAPHORIC_DAY_PHRASES, VAGUE_PHRASES, ("через",)):
        words.update(w.split()[0] for w in group)
    return words


def first_word_source() -> str:
    """A cheap look-ahead that rejects most word starts before the alternation.

    `re` tries the alternatives of the master pattern one after the other at
    every word start; this single trie of possible first words (plus digits
    and Roman numerals) fails fast on ordinary words and makes the scan
    several times faster.
    """
    return r"\d|(?-i:[IVXХІ])|" + alternation(first_words()) + WEND


def alternatives() -> list[tuple[str, str]]:
    """(name, source) of every alternative of the master pattern, by priority."""
    month_any = alternation(MONTHS)
    month_gen = alternation(MONTH_GENITIVE)
    month_abbr = alternation(MONTH_ABBREVIATIONS) + r"(?:\.|" + WEND + ")"
    month_dm = "(?:" + month_gen + WEND + "|" + month_abbr + ")"
    month_word = month_any + WEND
    weekday = alternation(WEEKDAYS) + WEND
    rel_adj = alternation(RELATIVE_ADJECTIVES) + WEND
    rel_noun = alternation(RELATIVE_NOUNS) + WEND
    season = alternation(SEASONS) + WEND
    ordinal = alternation(ORDINALS) + WEND
    number_word = alternation(list(NUMBER_WORDS) + list(VAGUE_COUNT_WORDS)) + WEND
    unit = alternation(UNIT_FORMS) + WEND
    quarter = "(?:" + alternation(QUARTER_FORMS) + WEND + r"|кв\.)"
    half_year = alternation(HALF_YEAR_FORMS) + WEND
    half = alternation(HALF_FORMS) + WEND
    deictic = alternation(DEICTIC_DAYS) + WEND
    anaph = alternation(ANAPHORIC_DAY_PHRASES) + WEND
    vague = alternation(VAGUE_PHRASES) + WEND
    rel_year_gen = (
        "(?:" + alternation(f for f, o in RELATIVE_ADJECTIVES.items() if f.endswith("го"))
        + "|того" + SP + "же)" + SP + r"года" + WEND
    )

    # a year with its "год"/"г." (optional "г" glued to the digits)
    def year_tail(p: str) -> str:
        return (
            "(?:" + OSP + f"(?P<{p}_y>" + YEAR4 + ")(?:" + YEAR_SUFFIX + ")?"
            + "(?:" + OSP + YEAR_WORD + ")?"
            + "|" + SP + f"(?P<{p}_ry>" + rel_year_gen + ")"
            + ")"
        )

    # period word followed by an optional year or "этого года" / "года"
    def period_year(p: str) -> str:
        return (
            "(?:" + SP + f"(?P<{p}_y>" + YEAR4 + ")(?:" + OSP + YEAR_WORD + ")?"
            + "|" + SP + f"(?P<{p}_ry>" + rel_year_gen + ")"
            + "|" + SP + f"(?P<{p}_cy>года)" + WEND
            + ")"
        )

    num_ord = r"(?:[1-4](?:-?(?:й|го|м|му|ом|е|ое|ого))?" + WEND + ")"

    alts = [
        # 2024-09-25 (ISO)
        ("iso", r"(?<![\d.,/-])(?P<iso_y>1\d{3}|20\d{2})-(?P<iso_m>0[1-9]|1[0-2])"
                r"-(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\d-])"),
        # 25.09.2024, 5/9/2024, 25-09-2024; 12.03.98, 12. 03.98, 12 .03.1998 (the rule
        # checks the two-digit years and the stray space: `absolute.numeric`)
        ("num", r"(?<![\d.,/-])(?P<num_d>0?[1-9]|[12]\d|3[01])(?P<num_sp1> ?)(?P<num_sep>[./-])"
                r"(?P<num_sp2> ?)(?P<num_m>0?[1-9]|1[0-2])(?P=num_sep)"
                r"(?P<num_y>1\d{3}|20\d{2}|\d\d)(?!\d|[.,/-]\d)"),
        # вторник, 5 мая 2020 года; в минувший вторник — 27 января; вчера, 16 августа
        ("wdd", "(?P<wdd_wd>(?:" + rel_adj + SP + ")?" + weekday + "|" + deictic + r")"
                + "(?:" + OSP + "[,‐‑‒–—―−-]" + OSP + "|" + SP + ")"
                + r"(?P<wdd_d>" + DAY + ")" + SP + r"(?P<wdd_m>" + month_dm + ")"
                + "(?:" + year_tail("wdd") + ")?"),
        # 21–22 мая 2019 года, 21 и 22 мая; с 25 по 29 июля 2013 г.; со 2-го на 3-е ноября
        ("ddm", r"(?P<ddm_d1>" + DAY + ")(?P<ddm_sep>" + DASH + "|" + SP + r"(?:и|по|на)" + SP + ")"
                r"(?P<ddm_d2>" + DAY + ")" + SP + r"(?P<ddm_m>" + month_dm + ")"
                + "(?:" + year_tail("ddm") + ")?"),
        # 25 сентября 2024 года, 1 мая, 25 сент. 2024
        ("dmy", r"(?P<dmy_d>" + DAY + "|" + alternation(DAY_WORDS) + WEND + ")"
                + SP + r"(?P<dmy_m>" + month_dm + ")"
                + "(?:" + year_tail("dmy") + ")?"),
        # январь — февраль 2013 года, в январе–марте 2024 г., с января по март 2024 года
        ("mmy", r"(?P<mmy_m1>" + month_word + ")(?:" + DASH + "|" + SP + r"(?:и|по|или)" + SP + ")"
                r"(?P<mmy_m2>" + month_word + ")" + year_tail("mmy")),
        # сентябрь 2024 г., в сентябре 2024 года, в декабре прошлого года
        ("my", r"(?P<my_m>" + month_word + "|" + month_abbr + ")" + year_tail("my")),
        # III квартал 2024 г., в первом квартале, 1-й квартал текущего года, I–III кварталы
        ("qtr", r"(?P<qtr_n>" + ordinal + "|" + ROMAN + "|" + num_ord + ")"
                r"(?:" + DASH + r"(?P<qtr_n2>" + ordinal + "|" + ROMAN + "|" + num_ord + "))?"
                + SP + quarter + "(?:" + period_year("qtr") + ")?"),
        # первое полугодие 2024 года, I полугодие
        ("hy", r"(?P<hy_n>" + ordinal + "|" + ROMAN + "|" + num_ord + ")" + SP + half_year
               + "(?:" + period_year("hy") + ")?"),
        # первой половине 2024 года (a year is required)
        ("half", r"(?P<half_n>" + ordinal + ")" + SP + half + period_year("half")),
        # 8 месяцев 2024 года, девяти месяцев текущего года (a year is required)
        ("nmon", r"(?P<nmon_n>(?<!\d)(?:[1-9]|1[01])(?!\d)|" + number_word + ")" + SP
                 + r"месяц(?:ев|а|ам|ах)" + WEND + period_year("nmon")),
        # летом 2013 года, осенью прошлого года, этим летом, прошлой зимой
        ("sea", r"(?:(?P<sea_adj>" + rel_adj + ")" + SP + ")?(?P<sea_s>" + season + ")"
                + "(?:" + period_year("sea") + ")?"),
        # 1960-х — 1980-х гг., 1990-е годы, в 90-х
        ("dec", r"(?<![\d.,/])(?P<dec_y>(?:1\d|20)?\d0)-(?:х|е|ых|ые|ми)" + WEND
                + r"(?:" + DASH + r"(?P<dec_y2>(?:1\d|20)?\d0)-(?:х|е|ых|ые|ми)" + WEND + ")?"
                r"(?:" + OSP + YEAR_WORD + ")?"
                r"(?:" + SP + r"(?P<dec_c>" + ROMAN + "|" + alternation(RELATIVE_CENTURIES) + ")"
                + OSP + r"(?:века|вв?\.)" + ")?"),
        # XIX век, в XXI веке, XIV–XV вв., 20-го века, ХХ-го века
        ("cen", r"(?P<cen_n>" + ROMAN + r"|(?<![\d.,])(?:[1-9]|1\d|2[01])(?!\d))(?:-?(?:го|й|м|ом|ый))?"
                r"(?:" + DASH + r"(?P<cen_n2>" + ROMAN + r"|(?:[1-9]|1\d|2[01])(?!\d))(?:-?(?:го|й|м|ом|ый))?)?"
                + OSP + r"(?:век(?:а|у|ом|е|и|ов|ам|ах)?" + WEND + r"|вв?\.)"
                r"(?P<cen_bc>" + OSP + r"до" + SP + r"(?:н\." + OSP + r"э\.?|нашей" + SP + r"эры))?"),
        # с 2021 по 2023 год, 2021–2023 годы, 2008-2011 гг, 1996–98 (years)
        ("yr", r"(?P<yr_y1>" + YEAR4 + r")(?:" + OSP + YEAR_WORD + ")?"
               r"(?P<yr_sep>" + DASH + "|" + SP + r"(?:по|до|и|или)" + SP + ")"
               r"(?P<yr_y2>" + YEAR4 + r"|(?<=[-‐‑‒–—―−])\d\d(?!\d))(?:" + YEAR_SUFFIX + ")?"
               r"(?P<yr_w>" + OSP + YEAR_WORD + ")?"),
        # 2016/17, 2016/2017 (seasons)
        ("ys", r"(?P<ys_y1>(?<![\d.,/№])(?:1\d{3}|20\d{2}))/(?P<ys_y2>\d\d(?:\d\d)?)(?![\d/])"),
        # 1958, 1962 и 1970 годах (split into one match per year afterwards)
        ("ylist", r"(?P<ylist_body>" + YEAR4 + r"(?:" + OSP + "," + OSP + YEAR4 + r")+"
                  + r"(?:" + OSP + "," + OSP + "|" + SP + r"(?:и|или)" + SP + ")" + YEAR4 + ")"
                  + OSP + YEAR_WORD_PLURAL),
        # 2023 год, в 2023 г., 2023-м, 2005г
        ("y", r"(?P<y_y>" + YEAR4 + r")(?:(?P<y_suf>" + YEAR_SUFFIX + ")(?:" + OSP + YEAR_WORD + ")?|"
              + OSP + YEAR_WORD + ")"),
        # через два года, через неделю, через несколько дней, через полгода
        ("after", r"через" + SP + r"(?:(?P<after_n>\d{1,3}|" + number_word + ")" + SP + ")?"
                  r"(?P<after_u>" + unit + "|" + alternation(HALF_YEAR_WORDS) + WEND + ")"),
        # три года назад, год назад, несколько дней назад, полгода назад
        ("ago", r"(?:(?P<ago_q>" + alternation(APPROXIMATORS) + WEND + ")" + SP + ")?"
                r"(?:(?P<ago_n>(?<![\d.,])\d{1,3}|" + number_word + ")" + SP + ")?"
                r"(?P<ago_u>" + unit + "|" + alternation(HALF_YEAR_WORDS) + WEND + ")" + SP + r"назад" + WEND),
        # в прошлом октябре, в следующем марте ("этим летом" is "sea")
        ("rmon", r"(?P<rmon_adj>" + rel_adj + ")" + SP + r"(?P<rmon_m>" + month_word + ")"),
        # в прошлом году, на этой неделе, в следующем месяце, прошлого года
        ("rel", r"(?P<rel_adj>" + rel_adj + ")" + SP + r"(?P<rel_n>" + rel_noun + ")"),
        # в минувшую пятницу, в этот вторник
        ("rwd", r"(?P<rwd_adj>" + rel_adj + ")" + SP + r"(?P<rwd_wd>" + weekday + ")"),
        # сегодня, вчера, завтра
        ("deic", r"(?P<deic_w>" + deictic + ")"),
        # в тот же день, на следующий день
        ("anaph", r"(?P<anaph_w>" + anaph + ")"),
        # в последние годы, в ближайшие дни
        ("vague", r"(?P<vague_w>" + vague + ")"),
        # во вторник, в понедельник
        ("wd", r"(?P<wd_w>" + weekday + ")"),
        # в сентябре, с января, в начале июня (needs a preposition or modifier)
        ("mon", r"(?P<mon_w>" + month_word + ")"),
        # a bare 4-digit year: "(2003)", "Олимпиаде-2016", "в 1958," (context checked in code)
        ("bare", r"(?P<bare_y>" + YEAR4 + r")(?!" + OSP + r"[%‰])"),
    ]
    return alts


def lead_source() -> str:
    """Preposition and modifier right before a match; searched on a short slice."""
    prep = alternation(PREPOSITIONS)
    mod = alternation(MODIFIER_FORMS)
    return (
        r"(?:(?<![^\W_])(?P<prep>" + prep + ")" + SP + r")?"
        r"(?:(?<![^\W_])(?P<mod>" + mod + ")" + SP + r")?\Z"
    )


def compile_patterns() -> DatePatterns:
    """Compile the regexes the recogniser needs (about 0.1 s: call once, reuse)."""
    flags = re.IGNORECASE
    alts = alternatives()
    master = re.compile(master_source(alts), flags)
    lead = re.compile(lead_source(), flags)
    next_word = re.compile(OSP + r"(?P<w>[^\W\d_]+|%)", flags)
    return DatePatterns(
        master=master, lead=lead, next_word=next_word,
        future=re.compile(FUTURE_MARKERS, flags), sources=dict(alts),
        order=tuple(n for n, _ in alts),
    )
