"""Fast regex recogniser of Russian date expressions with TIMEX3-style values.

The hot path is one scan of a single compiled regex over the whole text (see
`extractor.grammars.dates`); no tokenisation, no morphology.  Each hit is then
checked and normalised by the rule of its alternative.

Where things are (this module only gathers the names):
* `recognizer`: `DateRecognizer`, and `RULES`, which function handles which
  alternative; `DateRecognizer.debug` names the rule behind each date found;
* `absolute` / `relative`: the rules of calendar and relative dates;
* `scan`: the scan that runs them and joins lists and ranges;
* `values`: `DateMatch` and the calendar arithmetic of the values;
* `stage`: the `Dates` pipeline stage; `infer`: a document's date
  inferred from its own dates;
* `extractor.grammars.dates` / `date_words`: the regex and its words.

Spans
-----
`start`/`end` are Python str offsets into the text given to `find`, end
exclusive, `text == original[start:end]`.  By default a span is the date
expression itself without the governing preposition ("за первое полугодие
2024 года" -> "первое полугодие 2024 года"; "в 2023 году" -> "2023 году"); the
preposition is reported in `prep`.  Exceptions: a modifier phrase is part of
the date with its preposition ("в начале 2017 года", "к концу мая"), and so is
the "с" of a range ("с 2021 по 2023 год").  `DateRecognizer(
include_preposition=True)` puts the preposition in every span (the NEREL
convention: "в 2023 году").  The dot of "г."/"гг." and of a final month
abbreviation is never part of a span (it is usually also the sentence
full stop); the dot of the century abbreviation "в." is.

Values
------
* full date "2017-05-09"; month "2017-05"; year "2015"; decade "199X";
  century "18" (XIX век: the century's leading two digits), "BC04" before
  the common era; season "2013-SU" (WI/SP/SU/FA); quarter "2024-Q3";
  half-year "2024-H1"; ISO week "2024-W38";
* a range joins two values with "..": "2020..2023", "2024-01..2024-08"
  ("за 8 месяцев 2024 года"), "2013-07-25..2013-07-29", "196X..198X";
* an unknown year is "XXXX" ("25 сентября" -> "XXXX-09-25"); with a document
  date, a day or month without a year takes the document's year;
* relative expressions ("вчера", "в прошлом году", "на прошлой неделе",
  "три года назад", "во вторник") are resolved against `doc_date` when it is
  given; without it their value keeps the granularity with X's
  ("XXXX-XX-XX" for a day, "XXXX" for a year, "XXXX-XX" for a month,
  "XXXX-WXX" for a week) and `rel` says how to resolve them:
  "-1D" (вчера), "+0D" (сегодня), "-1Y" (в прошлом году), "+1M", "-2W",
  "WD2" (a Tuesday: the last one on or before the document date, or the next
  one when the sentence speaks of the future; "WD2-1"/"WD2+0"/"WD2+1" for
  "в прошлый/этот/следующий вторник");
* vague references: "PAST_REF" ("в последние годы", "несколько лет назад"),
  "FUTURE_REF" ("в ближайшие дни", "через несколько дней");
* anaphoric references ("в тот же день", "на следующий день", "в том же
  году", "в марте того же года") are never resolved: value with X's,
  `rel` "ANAPH+0D" / "ANAPH+1D" / "ANAPH+0Y"...
* other `rel` forms: "M10-1" (в прошлом октябре: month 10, one back),
  "-1SU" (прошлым летом), "+0WE" (в эти выходные: value "2024-W38-WE").
`mod` carries the TIMEX3 modifier of "в начале" / "в середине" / "в конце":
"START" / "MID" / "END" (the value is that of the whole period), and of
"почти / более / менее N лет назад": "APPROX" / "MORE_THAN" / "LESS_THAN".

What is not a date here: durations ("два года", "в течение 10 лет",
"за последние 5 лет"), ages, recurring sets ("ежегодно", "по понедельникам"),
holidays ("на Рождество"), vague "сейчас" / "недавно" / "в настоящее время",
event-relative "накануне" / "спустя год".  A bare 4-digit number is a year
only with "год"/"г."/"гг.", after a temporal preposition ("в 1958,",
"с 1991 ..." but not "в 2000 рублей"), in parentheses ("(1997)"), glued to a
name ("Евро-2012"), or closing a clause after a word ("премии мира 1993.").
"""
from __future__ import annotations

from .recognizer import RULES, DateRecognizer, DebugMatch
from .stage import Dates
from .values import DateMatch

__all__ = ["DateMatch", "DateRecognizer", "Dates", "DebugMatch", "RULES"]
