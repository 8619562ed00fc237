"""Currencies (data only): nouns and their adjectives, abbreviations, symbols,
ISO 4217 codes and minor units.  See `inflection` for the conventions of
every word list."""
from __future__ import annotations

from .inflection import FEMININE_OYU, forms


def _fem_a(stem: str) -> tuple[str, ...]:
    """Forms of a noun in -а/-я: "гривн" -> гривна, гривны, ... (no genitive plural)."""
    return forms(stem, FEMININE_OYU)


#: currency nouns: id -> every form.  The id is what adjectives combine with.
CURRENCY_NOUNS: dict[str, tuple[str, ...]] = {
    "рубль": ("рубль", "рубля", "рублю", "рублём", "рублем", "рубле", "рубли", "рублей", "рублям",
              "рублями", "рублях"),
    "доллар": forms("доллар"),
    "евро": ("евро",),
    "юань": ("юань", "юаня", "юаню", "юанем", "юане", "юани", "юаней", "юаням", "юанями", "юанях"),
    "иена": _fem_a("иен") + _fem_a("йен") + ("иен", "йен"),
    "гривна": _fem_a("гривн") + ("гривен", "гривень"),
    "тенге": ("тенге",),
    "фунт": forms("фунт"),
    "франк": forms("франк"),
    "лира": _fem_a("лир") + ("лир",),
    "рупия": ("рупия", "рупии", "рупию", "рупией", "рупий", "рупиям", "рупиями", "рупиях"),
    "сум": ("сум", "сума", "суму", "сумом", "сумов"),
    "драм": ("драм", "драма", "драму", "драмом", "драмов"),
    "лари": ("лари",),
    "сом": ("сом", "сома", "сому", "сомом", "сомов"),
    "манат": forms("манат"),
    "дирхам": forms("дирхам"),
    "злотый": ("злотый", "злотого", "злотому", "злотым", "злотом", "злотые", "злотых",
               "злотыми"),
    "шекель": ("шекель", "шекеля", "шекелю", "шекелем", "шекеле", "шекели", "шекелей",
               "шекелям", "шекелями", "шекелях"),
    "реал": forms("реал"),
    "форинт": forms("форинт"),
    "сомони": ("сомони",),
    "биткоин": forms("биткоин") + forms("биткойн"),
    # ambiguous without an adjective ("шведских крон", "мексиканских песо")
    "крона": _fem_a("крон") + ("крон",),
    "песо": ("песо",),
    "вона": ("вона", "воны", "воне", "вону", "воной", "вон"),
    "динар": forms("динар"),
    "риал": forms("риал") + forms("риял"),
    "лей": ("лей", "лея", "лею", "леем", "лее", "леи", "леев"),
    "лев": ("лева", "левов"),
}

#: the code of a currency noun without an adjective (None: needs one)
CURRENCY_DEFAULT: dict[str, str | None] = {
    "рубль": "RUB", "доллар": "USD", "евро": "EUR", "юань": "CNY", "иена": "JPY",
    "гривна": "UAH", "тенге": "KZT", "фунт": "GBP", "франк": "CHF", "лира": "TRY",
    "рупия": "INR", "сум": "UZS", "драм": "AMD", "лари": "GEL", "сом": "KGS", "манат": "AZN",
    "дирхам": "AED", "злотый": "PLN", "шекель": "ILS", "реал": "BRL", "форинт": "HUF",
    "сомони": "TJS", "биткоин": "BTC",
    "крона": None, "песо": None, "вона": None, "динар": None, "риал": None, "лей": None,
    "лев": "BGN",
}

#: adjective stem -> {currency noun id: code}; the adjective takes any ending
CURRENCY_ADJECTIVES: dict[str, dict[str, str]] = {
    "российск": {"рубль": "RUB"},
    "белорусск": {"рубль": "BYN"},
    "американск": {"доллар": "USD"},
    "канадск": {"доллар": "CAD"},
    "австралийск": {"доллар": "AUD"},
    "гонконгск": {"доллар": "HKD"},
    "сингапурск": {"доллар": "SGD"},
    "новозеландск": {"доллар": "NZD"},
    "тайваньск": {"доллар": "TWD"},
    "швейцарск": {"франк": "CHF"},
    "британск": {"фунт": "GBP"},
    "английск": {"фунт": "GBP"},
    "китайск": {"юань": "CNY"},
    "японск": {"иена": "JPY"},
    "турецк": {"лира": "TRY"},
    "индийск": {"рупия": "INR"},
    "индонезийск": {"рупия": "IDR"},
    "пакистанск": {"рупия": "PKR"},
    "казахстанск": {"тенге": "KZT"},
    "киргизск": {"сом": "KGS"},
    "кыргызск": {"сом": "KGS"},
    "узбекск": {"сум": "UZS"},
    "азербайджанск": {"манат": "AZN"},
    "туркменск": {"манат": "TMT"},
    "армянск": {"драм": "AMD"},
    "грузинск": {"лари": "GEL"},
    "украинск": {"гривна": "UAH"},
    "эмиратск": {"дирхам": "AED"},
    "марокканск": {"дирхам": "MAD"},
    "шведск": {"крона": "SEK"},
    "норвежск": {"крона": "NOK"},
    "чешск": {"крона": "CZK"},
    "датск": {"крона": "DKK"},
    "исландск": {"крона": "ISK"},
    "мексиканск": {"песо": "MXN"},
    "аргентинск": {"песо": "ARS"},
    "чилийск": {"песо": "CLP"},
    "колумбийск": {"песо": "COP"},
    "филиппинск": {"песо": "PHP"},
    "кубинск": {"песо": "CUP"},
    "бразильск": {"реал": "BRL"},
    "южнокорейск": {"вона": "KRW"},
    "корейск": {"вона": "KRW"},
    "северокорейск": {"вона": "KPW"},
    "израильск": {"шекель": "ILS"},
    "саудовск": {"риал": "SAR"},
    "иранск": {"риал": "IRR"},
    "катарск": {"риал": "QAR"},
    "сербск": {"динар": "RSD"},
    "кувейтск": {"динар": "KWD"},
    "иорданск": {"динар": "JOD"},
    "польск": {"злотый": "PLN"},
    "венгерск": {"форинт": "HUF"},
    "румынск": {"лей": "RON"},
    "молдавск": {"лей": "MDL"},
    "молдовск": {"лей": "MDL"},
    "болгарск": {"лев": "BGN"},
    "таджикск": {"сомони": "TJS"},
}
#: adjective endings (over-generation is harmless)
ADJECTIVE_ENDINGS: tuple[str, ...] = (
    "ий", "ый", "ой", "ая", "ое", "ого", "ому", "им", "ым", "ом", "ую", "ие", "ые", "их", "ых",
    "ими", "ыми",
)

#: abbreviations and symbols written after the amount -> code
CURRENCY_ABBREVIATIONS: dict[str, str] = {
    "руб.": "RUB", "руб": "RUB", "р.": "RUB", "₽": "RUB",
    "долл.": "USD", "долл": "USD", "дол.": "USD", "$": "USD",
    "долл. сша": "USD", "дол. сша": "USD", "долл сша": "USD",
    "€": "EUR",
    # "¥" is both yen and yuan; Russian news write it far more often for the yuan
    "¥": "CNY", "юан.": "CNY",
    "£": "GBP", "ф. ст.": "GBP", "ф.ст.": "GBP",
    "бел. руб.": "BYN", "бел. руб": "BYN", "бел.руб.": "BYN", "бел. р.": "BYN",
    "грн.": "UAH", "грн": "UAH", "₴": "UAH",
    "тг": "KZT", "тнг": "KZT", "₸": "KZT",
    "₺": "TRY", "₹": "INR", "₾": "GEL", "₼": "AZN", "֏": "AMD", "₩": "KRW", "₪": "ILS",
    "сум.": "UZS", "сом.": "KGS",
}
#: ISO codes, matched case-sensitively, before or after the amount
CURRENCY_CODES: frozenset[str] = frozenset((
    "RUB", "RUR", "USD", "EUR", "CNY", "JPY", "GBP", "CHF", "BYN", "BYR", "UAH", "KZT", "TRY",
    "INR", "UZS", "AMD", "GEL", "KGS", "AZN", "AED", "PLN", "CZK", "SEK", "NOK", "DKK", "CAD",
    "AUD", "HKD", "SGD", "KRW", "ILS", "BRL", "MXN", "TJS", "TMT", "MDL", "HUF", "SAR", "BTC",
))
#: symbols that may stand before the amount ("$3,17 млрд", "€5 млн")
CURRENCY_PREFIX_SYMBOLS: dict[str, str] = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₽": "RUB", "₴": "UAH",
    "₸": "KZT", "₺": "TRY", "₹": "INR", "₩": "KRW", "₪": "ILS",
}
#: "долларов США", "доллар США": the country after the noun
CURRENCY_COUNTRY_SUFFIX: dict[str, tuple[str, str]] = {"сша": ("доллар", "USD")}

#: minor units (hundredths of the main unit): form -> code of the main unit.
#: "124 451 рубль 50 копеек", "98 коп."; "цент" is taken as the US cent
#: unless it follows another currency ("5 евро 20 центов")
MINOR_UNITS: dict[str, str] = {
    **{f: "RUB" for f in ("копейка", "копейки", "копейке", "копейку", "копейкой", "копеек",
                          "копейкам", "копейками", "копейках", "коп.", "коп")},
    **{f: "USD" for f in forms("цент")},
}
