"""The compiled-pattern cache of start-up (extractor/regex_cache.py): what it gives back is
exactly what `re` compiles, and nothing it meets on disk can break a run."""
from __future__ import annotations

import marshal
import re
from pathlib import Path

import pytest

from extractor import regex_cache
from extractor.regex_cache import MIN_LENGTH, cache_file, compiled_patterns


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))
    re.purge()  # re's own cache would answer before the session is asked
    return cache_file()


def long_pattern(tag: str) -> str:
    words = [f"{tag}{n}слово" for n in range(60)]
    return r"(?P<lead>\b(?:" + "|".join(words) + r"))\s+(\d+(?:[.,]\d+)?)\s*(?:млн|млрд|тыс\.?)?"


def compiled_in_a_session(*patterns: tuple[str, int]) -> list[re.Pattern]:
    re.purge()
    with compiled_patterns():
        return [re.compile(pattern, flags) for pattern, flags in patterns]


def test_a_second_run_rebuilds_from_the_file_what_re_compiles(cache: Path) -> None:
    patterns = [(long_pattern("а"), 0), (long_pattern("б"), re.IGNORECASE), (long_pattern("в"), re.VERBOSE | re.MULTILINE)]
    first = compiled_in_a_session(*patterns)
    table = marshal.loads(cache.read_bytes())
    assert set(table) == set(patterns)
    second = compiled_in_a_session(*patterns)
    for (pattern, flags), before, after in zip(patterns, first, second):
        assert re.compile(pattern, flags) == before == after  # Pattern equality compares the compiled code
    assert [m.groups() for m in second[1].finditer("в2слово 3,5 млрд и Б7СЛОВО 12")] == [("Б7СЛОВО", "12")]


def test_the_file_keeps_only_the_patterns_of_the_last_run(cache: Path) -> None:
    compiled_in_a_session((long_pattern("г"), 0), (long_pattern("д"), 0))
    compiled_in_a_session((long_pattern("д"), 0))
    assert set(marshal.loads(cache.read_bytes())) == {(long_pattern("д"), 0)}


def test_short_patterns_and_debug_are_left_to_re(cache: Path) -> None:
    short = "к" * (MIN_LENGTH - 1)
    assert compiled_in_a_session((short, 0))[0] == re.compile(short)
    assert not cache.exists()


DAMAGED = [
    b"", b"\x00garbage\xff", marshal.dumps([1, 2]),
    marshal.dumps({("x" * 300, 0): (0, b"\x01\x02", 0, {}, ())}),  # code cut mid-word
    marshal.dumps({("x" * 300, 0): (0, b"\x11\x00\x00\x00\x01\x00\x00\x00", 0, {}, ())}),  # code the regex engine's validation refuses
    marshal.dumps({("x" * 300, 0): ("not", "an", "entry")}),
]


@pytest.mark.parametrize("content", DAMAGED)
def test_a_damaged_file_or_entry_is_compiled_anew(cache: Path, content: bytes) -> None:
    cache.parent.mkdir(parents=True)
    cache.write_bytes(content)
    pattern = "x" * 300  # the damaged entry's pattern: the engine refuses its code, re compiles it
    (compiled,) = compiled_in_a_session((pattern, 0))
    assert compiled == re.compile(pattern) and compiled.fullmatch(pattern)
    assert marshal.loads(cache.read_bytes()).keys() == {(pattern, 0)}


def test_an_unwritable_cache_or_none_at_all_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    for setting in (str(blocker / "cache"), "off"):
        monkeypatch.setenv("EXTRACTOR_CACHE_DIR", setting)
        pattern = long_pattern(setting[-3:])
        assert compiled_in_a_session((pattern, 0))[0] == re.compile(pattern)
    assert regex_cache.cache_dir() is None and not (blocker.parent / "cache").exists()


def test_re_is_itself_again_after_a_session_even_one_that_failed(cache: Path) -> None:
    own = re._compiler.compile
    with pytest.raises(ZeroDivisionError):
        with compiled_patterns():
            with compiled_patterns():  # nested: the outer session serves
                assert isinstance(re._compiler.compile, regex_cache._Session)
            1 / 0
    assert re._compiler.compile is own and not cache.exists()  # a failed load leaves the file as it was


def test_the_pipelines_long_patterns_are_cached_and_equal(pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The grammars of numbers and dates: every pattern `load()` keeps in the file rebuilds
    into exactly the Pattern `re` compiles (the file of this machine's cache, if it is on)."""
    path = cache_file()
    if path is None or not path.exists():
        pytest.skip("the cache is off here")
    table = marshal.loads(path.read_bytes())
    assert sum(len(pattern) for pattern, _ in table) > 100_000  # the long grammars are there
    for (pattern, flags), entry in table.items():
        assert regex_cache._rebuild(pattern, entry) == re.compile(pattern, flags)
