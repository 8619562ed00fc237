"""The dashboard page: one self-contained HTML file of an extraction's facts, officials and events.

    python cli.py report out/sample.jsonl -o report.html          # or a folder of tables (CSV/Parquet)
    python cli.py report out/tables -o report.html --with-related  # "Читайте также" snippets too

The page needs no network: Plotly's JavaScript is inlined (the `[report]` extra), the data
travel in the page as JSON, and a few lines of plain JavaScript (`report.js`, beside this
module) filter them and redraw. What it shows:
- facts on a time axis (each at the start of its period, `periods.bounds`), one series per
  indicator, a logarithmic value axis; facts by region and kind; the table of facts;
- officials by region and by body, and their table; events by date, and their table;
- filters for indicator, region, kind and document, kept in the page's address
  (`report.html#kind=money&region=Смоленская область`), so a filtered view can be linked;
- every row links to the sentence it came from, shown at the end of the page, when the
  text is at hand: kept in the record (`extract --text`, HTML pages) or in the source file.
"Читайте также" snippets (blocks `related-N`) are left out unless asked for.
"""
from __future__ import annotations

import json
import re
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from ..io.periods import bounds

SENTENCE_END = re.compile(r"[.!?…]\s|\n")
WINDOW = 300  # characters around an official's position when no sentence is recorded


def read_frames(source: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The tables of an extraction (a JSONL/JSON file of records, or a folder of tables) and
    the texts at hand, by document key."""
    from ..io.tables import COLUMNS, read_table, to_frames
    from ..io.write import record_from_dict

    if source.is_dir():
        frames = {}
        for name in COLUMNS:
            found = [p for p in (source / f"{name}.parquet", source / f"{name}.csv") if p.exists()]
            if not found:
                raise FileNotFoundError(f"no {name} table in {source}")
            frames[name] = read_table(found[0])
        return frames, _source_texts(frames["documents"])
    text = source.read_text(encoding="utf-8")
    data = json.loads(text) if text.lstrip().startswith("[") else [json.loads(line) for line in text.splitlines() if line.strip()]
    frames = to_frames(record_from_dict(d) for d in data)
    texts = {str(k): d["text"] for k, d in zip(_keys(frames["documents"]), data) if d.get("text")}
    return frames, {**_source_texts(frames["documents"]), **texts}


def _keys(documents: Any) -> list[Any]:
    return list(documents["doc"] if "doc" in documents else documents["doc_id"])


def _key_column(frame: Any) -> str:
    return "doc" if "doc" in frame else "doc_id"


def _source_texts(documents: Any) -> dict[str, str]:
    """Texts read again from their plain-text source files, where they still match."""
    from ..io.read import read_file

    texts = {}
    for key, source, length in zip(_keys(documents), documents["source"], documents["text_length"]):
        if isinstance(source, str) and source.endswith(".txt") and Path(source).is_file():
            doc = read_file(Path(source))
            if len(doc.text) == length:
                texts[str(key)] = doc.text
    return texts


def _value(v: Any) -> Any:
    """A cell as JSON: NA and NaN are null; numpy and pandas scalars as Python ones."""
    import pandas as pd

    if v is None or (not isinstance(v, (list, tuple, str)) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def _rows(frame: Any, related: bool) -> list[dict[str, Any]]:
    rows = [{k: _value(v) for k, v in row.items()} for row in frame.to_dict("records")]
    return [r for r in rows if related or not str(r.get("block") or "").startswith("related")]


class Page:
    """The rows the page shows, each with the id of its sentence, and those sentences."""

    def __init__(self, frames: dict[str, Any], texts: dict[str, str], related: bool) -> None:
        self.texts = texts
        self.sentences: dict[str, dict[str, Any]] = {}
        self._ids: dict[tuple[str, int], str] = {}  # (document, sentence start) → its id: one entry per sentence
        names = {str(k): n for k, n in zip(_keys(frames["documents"]), frames["documents"]["doc_id"])}
        self.facts = [self._fact(r, names) for r in _rows(frames["facts"], related)]
        self.officials = [self._official(r, names) for r in _rows(frames["officials"], related)]
        self.events = [self._event(r, names) for r in _rows(frames["events"], related)]

    def _sentence(self, key: str, name: str, start: Any, end: Any) -> str | None:
        text = self.texts.get(key)
        if text is None or start is None or end is None:
            return None
        found = self._ids.get((key, int(start)))
        if found:
            return found
        sid = self._ids[(key, int(start))] = f"s-{len(self.sentences) + 1}"
        self.sentences[sid] = {"key": key, "doc": name, "start": int(start), "text": text[int(start) : int(end)].strip()}
        return sid

    def _fact(self, r: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
        key = str(r[_key_column(r)])
        span = bounds(r.get("period"))
        return {
            "doc": names.get(key, key), "kind": r["kind"], "text": r["text"], "value": r["value"], "unit": r.get("unit"),
            "qualifier": r.get("qualifier"), "change": r.get("change"), "indicator": r.get("indicator") or "—",
            "period": r.get("period"), "start": span[0].isoformat() if span else None, "end": span[1].isoformat() if span else None,
            "regions": [x for x in (r.get("regions") or "").split("; ") if x], "block": r.get("block"),
            "sentence": self._sentence(key, names.get(key, key), r.get("sentence_start"), r.get("sentence_end")),
        }

    def _official(self, r: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
        key = str(r[_key_column(r)])
        start, end = self._around(key, r.get("position_start"), r.get("position_end"))
        return {
            "doc": names.get(key, key), "person": r["person"], "position": r["position"], "organization": r.get("organization"),
            "region": r.get("region") or "—", "country": r.get("country"), "block": r.get("block"),
            "sentence": self._sentence(key, names.get(key, key), start, end),
        }

    def _event(self, r: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
        key = str(r[_key_column(r)])
        span = bounds(r.get("date"))
        return {
            "doc": names.get(key, key), "type": r["type"], "text": r.get("normal") or r["text"], "date": r.get("date"),
            "start": span[0].isoformat() if span else None, "place": r.get("place"),
            "organizers": r.get("organizers"), "participants": r.get("participants"), "block": r.get("block"),
            "sentence": self._sentence(key, names.get(key, key), r.get("sentence_start"), r.get("sentence_end")),
        }

    def _around(self, key: str, start: Any, end: Any) -> tuple[int | None, int | None]:
        """The sentence around a span: from the end of the sentence before to the end of its own."""
        text = self.texts.get(key)
        if text is None or start is None or end is None:
            return None, None
        left = max(int(start) - WINDOW, 0)
        before = [m.end() for m in SENTENCE_END.finditer(text, left, int(start))]
        after = SENTENCE_END.search(text, int(end), int(end) + WINDOW)
        return (before[-1] if before else left), (after.start() + 1 if after else min(int(end) + WINDOW, len(text)))

    def data(self) -> dict[str, Any]:
        return {"facts": self.facts, "officials": self.officials, "events": self.events, "sentences": self.sentences}


def render(page: Page, title: str, related: bool = False) -> str:
    """The page's HTML."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError as exc:
        raise ImportError("the report needs plotly, an optional dependency: pip install 'ru-fact-extractor[report]'") from exc
    here = resources.files("extractor.integrations")
    data = json.dumps(page.data(), ensure_ascii=False).replace("</", "<\\/")  # no "</script>" inside the data
    html = here.joinpath("report.html").read_text(encoding="utf-8")
    return (
        html.replace("{{title}}", escape(title))
        .replace("{{related}}", "with" if related else "without")
        .replace("{{plotly}}", get_plotlyjs())
        .replace("{{data}}", data)
        .replace("{{script}}", here.joinpath("report.js").read_text(encoding="utf-8"))
    )


def write_report(source: Path, output: Path, related: bool = False) -> dict[str, int]:
    """Write the page of an extraction; how many facts, officials and events it shows."""
    frames, texts = read_frames(source)
    page = Page(frames, texts, related)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(page, f"{source.name}: facts, officials, events", related), encoding="utf-8")
    return {"facts": len(page.facts), "officials": len(page.officials), "events": len(page.events)}
