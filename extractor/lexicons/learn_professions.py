"""Regenerate `professions_nerel.txt`: position heads learned from NEREL train.

    python -m extractor.lexicons.learn_professions ../shared/data/nerel/train > extractor/lexicons/professions_nerel.txt

A lemma is kept when it is the first noun of a PROFESSION span at least MIN_COUNT
times and at least MIN_SHARE of its occurrences as a noun are such heads (so
"президент" is in, "премьера" — a film's premiere as often as a premier — is
reviewed by hand through EXCLUDE). Train only: dev and test stay unseen.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

MIN_COUNT = 3
MIN_SHARE = 0.5
EXCLUDE = {"премьера", "высочество", "сэр", "леди", "модель", "боевик", "юнкер"}


def learn(folder: Path) -> list[tuple[str, int, int]]:
    from razdel import tokenize

    from ..evaluate.corpora import read_brat
    from ..morph import Morph, fold

    morph = Morph.load()
    heads: Counter[str] = Counter()
    nouns: Counter[str] = Counter()
    for doc in read_brat(folder):
        tokens = [t for t in tokenize(doc.text) if t.text[:1].isalpha()]
        is_noun = {t.start: morph.best(t.text).tag.POS == "NOUN" for t in tokens}
        firsts = set()
        for span in doc.spans:
            if span.type == "POSITION":
                first = next((t for t in tokens if span.start <= t.start and t.stop <= span.end and is_noun[t.start]), None)
                if first is not None:
                    firsts.add(first.start)
        for t in tokens:
            if is_noun[t.start]:
                lemma = fold(morph.lemma(t.text))
                nouns[lemma] += 1
                heads[lemma] += t.start in firsts
    kept = [(w, heads[w], nouns[w]) for w in heads if heads[w] >= MIN_COUNT and heads[w] / nouns[w] >= MIN_SHARE]
    return sorted((k for k in kept if k[0] not in EXCLUDE), key=lambda k: (-k[1], k[0]))


def main(argv: list[str]) -> None:
    print("# " + __doc__.strip().splitlines()[0])
    print("# lemma  (heads of PROFESSION spans / occurrences as a noun in NEREL train)")
    for lemma, head, total in learn(Path(argv[0])):
        print(f"{lemma}  # {head}/{total}")


if __name__ == "__main__":
    main(sys.argv[1:])
