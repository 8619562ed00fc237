"""The dashboard page: self-contained, rendered by a real headless browser, filters that work."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.integrations.report import write_report
from extractor.io.read import read_file
from extractor.io.tables import write_tables
from extractor.io.write import dumps

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def records(pipeline):
    return list(pipeline.extract_many([read_file(p) for p in sorted(SAMPLE.glob("*.txt"))]))


@pytest.fixture(scope="module")
def page(records, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    jsonl = folder / "sample.jsonl"
    jsonl.write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
    write_report(jsonl, folder / "report.html")
    return folder / "report.html"


def rendered(page: Path, state: str = "") -> str:
    """The page's DOM after its scripts ran, in headless Chromium."""
    if CHROMIUM is None:
        pytest.skip("no Chromium here (Debian package chromium; .ci/run installs it)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={page.parent / 'profile'}", "--virtual-time-budget=10000"]
    result = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri() + state], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def cells(dom: str, table: str) -> list[str]:
    body = dom[dom.index(f'id="{table}"') :]
    body = body[: body.index("</table>")]
    return re.findall(r"<td[^>]*>(.*?)</td>", body)


def test_the_page_is_one_file_that_needs_no_network(page):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", html), "nothing may be fetched"
    assert html.count("<script") == 3  # Plotly inlined, the data, the page's own script
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S).group(1))
    turnover = [f for f in data["facts"] if f["text"] == "$3,17 млрд"]
    assert turnover and turnover[0]["value"] == 3_170_000_000 and turnover[0]["start"] == "2023-01-01"
    assert not any(f["block"].startswith("related") for f in data["facts"])  # snippets are left out by default
    assert all(data["sentences"][f["sentence"]]["text"] for f in data["facts"])  # every row links to its sentence


def test_snippets_come_in_when_asked(records, tmp_path):
    jsonl = tmp_path / "sample.jsonl"
    jsonl.write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
    without, with_related = write_report(jsonl, tmp_path / "a.html"), write_report(jsonl, tmp_path / "b.html", related=True)
    assert with_related["facts"] > without["facts"]


def test_a_folder_of_tables_gives_the_same_page(records, page, tmp_path):
    write_tables(records, tmp_path / "tables", "parquet")
    write_report(tmp_path / "tables", tmp_path / "tables.html")
    data = lambda p: re.search(r'id="data">(.*?)</script>', p.read_text(encoding="utf-8"), re.S).group(1)
    assert json.loads(data(tmp_path / "tables.html"))["facts"] == json.loads(data(page))["facts"]


def test_chromium_renders_the_charts_and_tables(page):
    dom = rendered(page)
    facts = cells(dom, "t-facts")
    assert "$3,17 млрд" in facts and "2023" in facts and "экспорт смоленских товаров в Белоруссию" in facts
    legend = re.findall(r'class="legendtext"[^>]*>([^<]*)<', dom)
    assert "товарооборот" in legend and any(name.startswith("экспорт") for name in legend)  # the chart holds them
    officials = cells(dom, "t-officials")
    assert "Василий Анохин" in officials and "Смоленская область" in officials


def test_a_filter_changes_what_is_shown(page):
    everything = cells(rendered(page), "t-facts")
    counts_only = cells(rendered(page, "#kind=count"), "t-facts")
    assert "$3,17 млрд" in everything and "$3,17 млрд" not in counts_only
    assert "money" not in counts_only and "count" in counts_only


def test_the_report_command(records, tmp_path):
    import sys

    jsonl = tmp_path / "sample.jsonl"
    jsonl.write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "report", str(jsonl), "-o", str(tmp_path / "r.html")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "facts" in result.stderr and (tmp_path / "r.html").stat().st_size > 1_000_000
    missing = subprocess.run([sys.executable, str(ROOT / "cli.py"), "report", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "x.html")],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and missing.stderr.startswith("error:")
