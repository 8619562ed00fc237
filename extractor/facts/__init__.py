"""Numeric facts: money, percentages, counts, quantities, ratios, with what they measure.

`extract.Facts` is the stage. `recognize.NumberRecognizer` finds the numbers: one scan of
the patterns of `patterns.py` (built from the grammars in `extractor/grammars/`), each match
read by the rule of its alternative (`values.py` the numbers, `guards.py` the checks on the
text around, `matches.py` the pairs: ranges, new levels, compound units). `context.py` reads
the indicator, change, period and regions from the sentence.
"""
