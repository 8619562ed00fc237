"""Grammar pieces for amounts of money.

    $3,17 млрд · 3,17 млрд долларов · 800 тыс. долл. США · 2,2 млн.руб.
    20 т. р. (thousand rubles) · 1 599 059, 38 Евро · 124 451 рубль 50 копеек
    881 913 (Восемьсот восемьдесят одна тысяча девятьсот тринадцать) руб. 98 коп.
    полтора миллиарда рублей · 100 ₽ · €5 млн · 5 млн американских долларов

The currency after the amount is a noun with an optional adjective
("американских долларов", "белорусских рублей") and an optional "США", an
abbreviation ("руб.", "долл. США", "бел. руб.", "грн"), a symbol, or an ISO
code (upper case only).  A symbol or code may also stand before the amount
("$3,17 млрд", "USD 5 млн").  Minor units follow the main unit ("рубль 50
копеек") or stand alone ("50 копеек" = 0.5 RUB).

"¥" is read as CNY: Russian news use it far more for the yuan than the yen.
Ambiguous nouns ("крон", "песо", "динаров") are money only with their
adjective ("шведских крон" -> SEK).
"""
from __future__ import annotations

from .currencies import (
    ADJECTIVE_ENDINGS, CURRENCY_ABBREVIATIONS, CURRENCY_ADJECTIVES, CURRENCY_CODES,
    CURRENCY_DEFAULT, CURRENCY_NOUNS, CURRENCY_PREFIX_SYMBOLS, MINOR_UNITS,
)
from .numbers import END, SP, WEND, alternation, norm_form, norm_table

_NOUN_ID: dict[str, str] = {f: cid for cid, forms in CURRENCY_NOUNS.items() for f in forms}
_ADJ_FORMS: dict[str, str] = {stem + e: stem for stem in CURRENCY_ADJECTIVES
                              for e in ADJECTIVE_ENDINGS}
_ABBR = norm_table(CURRENCY_ABBREVIATIONS)
_PREFIX = norm_table(CURRENCY_PREFIX_SYMBOLS)
_MINOR = norm_table(MINOR_UNITS)


def currency_source() -> str:
    """A currency written after the amount."""
    nouns = alternation(_NOUN_ID) + WEND
    adj = alternation(_ADJ_FORMS) + WEND
    codes = "(?-i:" + "|".join(sorted(CURRENCY_CODES)) + ")" + WEND
    return (
        "(?:(?:" + adj + SP + ")?" + nouns
        + "(?:" + SP + r"(?:(?-i:США)|стерлинг(?:ов|а|ам|ами|ах)?)" + WEND + ")?"
        + "|" + alternation(CURRENCY_ABBREVIATIONS) + END
        + "|" + codes + ")"
    )


def prefix_source() -> str:
    """A currency symbol or code before the amount ("$3,17 млрд", "USD 5 млн")."""
    codes = "(?-i:" + "|".join(sorted(CURRENCY_CODES)) + ")" + WEND
    return "(?:" + alternation(CURRENCY_PREFIX_SYMBOLS) + "|" + codes + ")"


def prefix_first_chars() -> str:
    """Characters that can begin a prefix (for the scanner's look-ahead)."""
    return "".join(sorted({s[0] for s in CURRENCY_PREFIX_SYMBOLS if not s[0].isalpha()}))


def minor_source() -> str:
    """A minor unit: "копеек", "коп.", "центов"."""
    return alternation(MINOR_UNITS) + END


def currency_code(text: str) -> str | None:
    """The ISO code of a currency matched by `currency_source` or `prefix_source`.

    None for an ambiguous noun without its adjective ("100 крон").
    """
    key = norm_form(text)
    if key in _ABBR:
        return _ABBR[key]
    if key in _PREFIX:
        return _PREFIX[key]
    if text.strip() in CURRENCY_CODES:
        return "RUB" if text.strip() == "RUR" else text.strip()
    words = text.lower().split()
    if words and words[-1].startswith("стерлинг"):
        return "GBP"
    if words and words[-1] == "сша":
        words = words[:-1]
        if words and _NOUN_ID.get(words[-1]) == "доллар":
            return "USD"
    if not words:
        return None
    noun_id = _NOUN_ID.get(words[-1])
    if noun_id is None:
        return None
    if len(words) >= 2:
        stem = _ADJ_FORMS.get(words[-2])
        if stem is not None:
            code = CURRENCY_ADJECTIVES[stem].get(noun_id)
            if code is not None:
                return code
    return CURRENCY_DEFAULT.get(noun_id)


def minor_code(text: str) -> str:
    """The main currency of a minor unit ("копеек" -> "RUB")."""
    return _MINOR[norm_form(text)]
