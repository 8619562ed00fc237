"""Page furniture: credits, timestamps and related-news lists get their own blocks."""
from __future__ import annotations

from extractor.text.blocks import split_blocks

PAGE = (
    "Заголовок статьи\n\n"
    "25 сентября 11:25 Деловые новости\n"
    "Губернатор Смоленской области Василий Анохин провёл встречу.\n"
    "Фото пресс-службы\n"
    "Читайте также\n"
    "02.12.2025 18:42\n"
    "Брянские стрелки завоевали 10 наград\n"
    "02.12.2025 17:33\n"
    "Брянский губернатор встретился с коллегами\n"
)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.id, text[b.start : b.end].strip().split("\n")[0]) for b in split_blocks(text)]


def test_page_furniture_is_recognised() -> None:
    assert kinds(PAGE) == [
        ("article-1", "Заголовок статьи"),
        ("meta-1", "25 сентября 11:25 Деловые новости"),
        ("article-2", "Губернатор Смоленской области Василий Анохин провёл встречу."),
        ("credits-1", "Фото пресс-службы"),
        ("furniture-1", "Читайте также"),
        ("related-1", "02.12.2025 18:42"),
        ("related-2", "02.12.2025 17:33"),
    ]


def test_plain_text_is_one_article_block() -> None:
    text = "Просто текст.\nЕщё строка.\n"
    assert [(b.id, b.start, b.end) for b in split_blocks(text)] == [("article-1", 0, len(text))]


def test_empty_text_still_has_a_block() -> None:
    assert [(b.kind, b.start, b.end) for b in split_blocks("")] == [("article", 0, 0)]


def test_long_line_starting_like_a_credit_is_prose() -> None:
    line = "Автор " + "очень длинного предложения " * 10
    assert split_blocks(line)[0].kind == "article"
