"""razdel_fast gives razdel 0.5's sentences and tokens exactly: compared span for span with razdel
itself on odd strings, random ones, a sample of texts (fast) and every corpus of ../shared (slow)."""
from __future__ import annotations

import random
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import razdel

from extractor.document import Document
from extractor.text import razdel_fast
from extractor.text.blocks import Blocks
from extractor.text.clean import Clean
from extractor.text.segment import paragraphs, split

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

HOSTILE = [
    "", " ", "   \n\t ", "\n\n", ".", "...", "…", "?!", "!!!", "--", "***", "—", "-", "_", "a_b", "__init__",
    "т.е.", "т. е. так", "и т.д. и т.п. Далее", "1.5", "1,5 млн", "3/4", "1\\2", "См. рис. 3", "см. стр. 5. Итак",
    "Он сказал: «Да.» Потом ушёл.", "«Привет!» — сказал он.", '"Да." Нет.', "'a' b.", "„Так“ вот.",
    "(См. выше.) Далее.", "[1] Текст.", "Yahoo! Inc.", "yahoo!", ":) Ура", ";-( Жаль", "=))) да", ":))))",
    "Ура :) Ура.", "http://example.com/a-b_c?x=1.5&y=2 дальше", "https://сайт.рф/путь", "mail@example.com, ещё",
    "Иван Иванович И. Петров. Далее", "А. С. Пушкин родился", "Дж. Буш", "г. Москва, ул. Ленина, д. 5. Квартира",
    "в 1990-х гг. Затем", "XX в. Потом", "1. Пункт. 2. Пункт.", "а) первое; б) второе.", "§ 3. Текст",
    "кое-как", "кто-то — никто", "из- за", "a -b", "5 -6", "1 - 2", "-5", "—Да.", "Нет!— Да.",
    "😀😀 смайл 👍🏽.", "Δσ mβж ΔP", "Zürich Straße", "кириллица latin 混合 текст.", "ǅ ǈ ǋ", "١٢٣ ٤.٥",
    "\u00a0нбсп\u00a0", "a\u2028b. C", "x\x85y. Z", "\x1c\x1d\x1e\x1f", "\u200bнулевой\u200b.", "ё́лка",
    "Цена 5. 3 рубля", "5.. 6", "1.2.3", "1,,2", "№5", "100%-ный", "+7 (495) 123-45-67", "С 1 по 5 мая.",
    "Мама мыла раму. Папа читал.", "Он ушёл... И не вернулся.", "Что?! Не может быть!", "Конец.\nНачало.",
]
PIECES = list("аЯaZ1.,-—–_/\\!?…:;=()[]{}\"«»'„“”’ \n\t\xa0Δσ😀ё§IVX*#%№+") + [
    "yahoo", "Yahoo", "т.е.", "г.", "ст", "др", "см", "рис", "т", " ", "  ", ". ", "Мама", "мама", "12", "3.5",
    ":)", ";-(", "...", "?!", "--", "**", "\u2028", "\x85", "\u200b", "1)", "а)", "Дж.", "И.", "http://a.ru/x?y=1",
]


def razdel_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    return [(s.start, s.stop) for s in razdel.sentenize(text)], [(t.start, t.stop) for t in razdel.tokenize(text)]


def first_difference(text: str, what: str, expected: list[tuple[int, int]], got: list[tuple[int, int]]) -> str:
    k = next((k for k, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    show = lambda spans: [(s, e, text[s:e]) for s, e in spans[k : k + 1]]  # noqa: E731
    return f"{what} #{k}: razdel {show(expected)}, razdel_fast {show(got)} in {text[max(0, (expected + got)[k][0] - 30):(expected + got)[k][0] + 30]!r}"


def check(text: str, name: str = "") -> None:
    """Sentences and tokens of the whole text, and each sentence's tokens, as razdel gives them;
    also on the text inside a longer string (offsets shifted)."""
    sentences, tokens = razdel_spans(text)
    for what, expected, got in (("sentence", sentences, razdel_fast.sentences(text)), ("token", tokens, razdel_fast.tokens(text))):
        assert got == expected, f"{name}: {first_difference(text, what, expected, got)}"
    expected = [(s + t.start, s + t.stop) for s, e in sentences for t in razdel.tokenize(text[s:e])]
    got = [span for s, e in sentences for span in razdel_fast.tokens(text, s, e)]
    assert got == expected, f"{name}: {first_difference(text, 'token in its sentence', expected, got)}"
    padded, shift = "Х. " + text + " Ж", 3
    shifted = lambda spans: [(s + shift, e + shift) for s, e in spans]  # noqa: E731
    assert razdel_fast.sentences(padded, shift, shift + len(text)) == shifted(sentences), f"{name}: sentences of a slice"
    assert razdel_fast.tokens(padded, shift, shift + len(text)) == shifted(tokens), f"{name}: tokens of a slice"


def corpus() -> Iterator[tuple[str, str]]:
    """(name, text) of every text in ../shared: NEREL, factRuEval, news, seeds, the RuREBus zips."""
    data = SHARED / "data"
    globs = ("nerel/train/*.txt", "nerel/dev/*.txt", "factrueval/devset/*.txt", "news/*.txt")
    for path in [p for pattern in globs for p in sorted(data.glob(pattern))] + sorted((SHARED / "seeds").glob("*.txt")):
        yield str(path.relative_to(SHARED)), path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((data / "rurebus").glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in sorted(n for n in archive.namelist() if n.endswith(".txt")):
                yield f"{path.name}:{name}", archive.read(name).decode("utf-8", errors="replace")


def sample() -> list[tuple[str, str]]:
    texts = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpora" / "sample").glob("*.txt"))]
    nerel = sorted((SHARED / "data" / "nerel" / "dev").glob("*.txt"))[:25]
    return texts + [(str(p.relative_to(SHARED)), p.read_text(encoding="utf-8")) for p in nerel]


@pytest.mark.parametrize("text", HOSTILE)
def test_odd_strings(text: str) -> None:
    check(text)


def test_random_strings() -> None:
    rnd = random.Random(13)
    for n in range(1000):
        check("".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 40))), f"random #{n}")


def test_a_sample_of_texts() -> None:
    texts = sample()
    assert len(texts) > 3
    for name, text in texts:
        check(text, name)


def reference_split(doc: Document) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """segment.split as it was, on razdel itself."""
    sentences, tokens = [], []
    for block in doc.blocks:
        for p_start, p_end in paragraphs(doc.clean, block.start, block.end):
            for sent in razdel.sentenize(doc.clean[p_start:p_end]):
                s_start = p_start + sent.start
                sentences.append((s_start, p_start + sent.stop))
                tokens += [(s_start + t.start, s_start + t.stop, doc.text[s_start + t.start : s_start + t.stop]) for t in razdel.tokenize(sent.text)]
    return sentences, tokens


def test_segment_splits_as_on_razdel_itself() -> None:
    docs = [Document(id=name, text=text) for name, text in sample()]
    Clean()(docs), Blocks()(docs)
    for doc in docs:
        sentences, tokens = split(doc)
        expected_sentences, expected_tokens = reference_split(doc)
        assert sentences == expected_sentences, doc.id
        assert [(t.start, t.end, t.text) for t in tokens] == expected_tokens, doc.id
        assert all(sentences[t.sent][0] <= t.start < t.end <= sentences[t.sent][1] for t in tokens)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared/data not available")
def test_every_corpus() -> None:
    count = 0
    for name, text in corpus():
        check(text, name)
        count += 1
    assert count > 1000
