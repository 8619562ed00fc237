"""Grammars: the regular expressions and closed word lists of dates and numbers.

`pieces.py` the shared regex pieces; `words.py` the lists several grammars share (months,
quotes); `dates.py` + `date_words.py` dates; `numbers.py`, `money.py`, `percent.py`,
`counts.py`, `ratio.py` numbers of each kind, with their words in `number_words.py`,
`currencies.py`, `units.py`, `count_words.py`, `qualifiers.py` (`inflection.py` spells
the case forms).
"""
