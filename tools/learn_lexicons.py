"""Regenerate the lexicons learned from NEREL train: heads of PROFESSION and EVENT spans.

    python -m tools.learn_lexicons PROFESSION ../shared/data/nerel/train > extractor/lexicons/professions_nerel.txt
    python -m tools.learn_lexicons EVENT ../shared/data/nerel/train > extractor/lexicons/events_nerel.txt

A lemma is kept when it heads a span of the type (its first noun, or for EVENT its
first noun or verb) at least MIN_COUNT times and at least MIN_SHARE (per type) of its
occurrences are such heads: "президент" is in, "премьера" (a film's premiere as
often as a premier) is out by hand through EXCLUDE. Train only: dev and test stay unseen.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

MIN_COUNT = 3
# EVENT at 0.4: "смерть", "убийство", "арест", "переговоры" head EVENT spans 40-50 % of the
# time in NEREL train; on dev that is +0.025 F1 for EVENT (0.622 -> 0.647, P 0.80 -> 0.72)
MIN_SHARE = {"PROFESSION": 0.5, "EVENT": 0.4}
EXCLUDE = {
    "премьера", "высочество", "сэр", "леди", "модель", "боевик", "юнкер",  # PROFESSION
    "витамин", "антропоморфий", "тирень", "стол", "прорыв", "падение", "покидать", "мисс", "шлем",  # EVENT
    "акция",  # EVENT: in business news "акции" are shares far more often than protests
}
HEAD_POS = {"PROFESSION": {"NOUN"}, "EVENT": {"NOUN", "VERB", "PRTS", "INFN"}}
OUR_TYPE = {"PROFESSION": "POSITION", "EVENT": "EVENT"}


def learn(nerel_type: str, folder: Path) -> list[tuple[str, int, int]]:
    from razdel import tokenize

    from extractor.evaluate.corpora import read_brat
    from extractor.morph import Morph, fold

    morph = Morph.load()
    pos = HEAD_POS[nerel_type]
    heads: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for doc in read_brat(folder):
        tokens = [t for t in tokenize(doc.text) if t.text[:1].isalpha()]
        is_head_pos = {t.start: morph.best(t.text).tag.POS in pos for t in tokens}
        firsts = set()
        for span in doc.spans:
            if span.type == OUR_TYPE[nerel_type]:
                first = next((t for t in tokens if span.start <= t.start and t.stop <= span.end and is_head_pos[t.start]), None)
                if first is not None:
                    firsts.add(first.start)
        for t in tokens:
            if is_head_pos[t.start]:
                lemma = fold(morph.lemma(t.text))
                seen[lemma] += 1
                heads[lemma] += t.start in firsts
    kept = [(w, heads[w], seen[w]) for w in heads if heads[w] >= MIN_COUNT and heads[w] / seen[w] >= MIN_SHARE[nerel_type]]
    return sorted((k for k in kept if k[0] not in EXCLUDE), key=lambda k: (-k[1], k[0]))


def main(argv: list[str]) -> None:
    nerel_type, folder = argv
    print(f"# Heads of NEREL {nerel_type} spans, learned from NEREL train by extractor/lexicons/learn.py")
    print(f"# lemma  # (heads of {nerel_type} spans / occurrences in NEREL train)")
    for lemma, head, total in learn(nerel_type, Path(folder)):
        print(f"{lemma}  # {head}/{total}")


if __name__ == "__main__":
    main(sys.argv[1:])
