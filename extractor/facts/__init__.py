"""Numeric facts in Russian text: money, percentages, counts, quantities, ratios.

`extractor.facts.recognize.NumberRecognizer` is the entry point; `lexicon`
holds the word lists, `numbers` the numeral grammar and parser, and `money`,
`percent`, `counts` and `ratio` the grammar pieces of each kind.
"""
