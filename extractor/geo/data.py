"""The gazetteer's data: countries, Russian federal subjects and cities.

Plain parsing of the TSV files that sit next to this module, nothing else:
no morphology and no work at import time. Each file is tab-separated with a
header line; blank lines and lines starting with ``#`` are skipped; aliases
are ``|``-separated.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent

REGION_KINDS = frozenset(
    {
        "область",
        "край",
        "республика",
        "автономный округ",
        "автономная область",
        "город федерального значения",
    }
)

# file -> (its columns, how many of them must be non-empty: the leading ones)
_LAYOUT = {
    "countries.tsv": (("code", "name", "aliases"), 2),
    "regions.tsv": (("code", "name", "kind", "capital", "aliases"), 4),
    "cities.tsv": (("name", "country", "region", "aliases"), 2),
}


@dataclass(frozen=True)
class Place:
    name: str  # canonical nominative name
    kind: str  # "country" | "region" | "city"
    code: str | None  # ISO 3166-1 alpha-2 for countries, ISO 3166-2 for regions, None for cities
    country: str | None  # ISO alpha-2 of the country (RU for regions; the city's country)
    region: str | None  # region code for Russian cities
    aliases: tuple[str, ...]
    subtype: str | None = None  # the region kind (область, край...) for regions
    capital: str | None = None


def _aliases(cell: str, name: str) -> tuple[str, ...]:
    out: list[str] = []
    for alias in cell.split("|"):
        alias = alias.strip()
        if alias and alias != name and alias not in out:
            out.append(alias)
    return tuple(out)


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data line of one file, checked against its layout."""
    columns, required = _LAYOUT[path.name]
    rows: list[tuple[int, dict[str, str]]] = []
    header_seen = False
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [cell.strip() for cell in line.split("\t")]
            if not header_seen:
                if tuple(cells) != columns:
                    raise ValueError(
                        f"{path}:{number}: expected header {'<TAB>'.join(columns)!r}, got {line!r}"
                    )
                header_seen = True
                continue
            # trailing empty columns may have been trimmed by an editor
            if not required <= len(cells) <= len(columns):
                raise ValueError(
                    f"{path}:{number}: expected {len(columns)} tab-separated columns "
                    f"({', '.join(columns)}), got {len(cells)}: {line!r}"
                )
            cells += [""] * (len(columns) - len(cells))
            row = dict(zip(columns, cells))
            missing = [column for column in columns[:required] if not row[column]]
            if missing:
                raise ValueError(f"{path}:{number}: empty {', '.join(missing)}: {line!r}")
            rows.append((number, row))
    if not header_seen:
        raise ValueError(f"{path}: no header line")
    return rows


def load_countries(folder: Path | None = None) -> list[Place]:
    path = (folder or DATA_DIR) / "countries.tsv"
    return [
        Place(
            name=row["name"],
            kind="country",
            code=row["code"],
            country=row["code"],
            region=None,
            aliases=_aliases(row["aliases"], row["name"]),
        )
        for _, row in _rows(path)
    ]


def load_regions(folder: Path | None = None) -> list[Place]:
    path = (folder or DATA_DIR) / "regions.tsv"
    places = []
    for number, row in _rows(path):
        if row["kind"] not in REGION_KINDS:
            raise ValueError(f"{path}:{number}: unknown region kind {row['kind']!r}")
        places.append(
            Place(
                name=row["name"],
                kind="region",
                code=row["code"],
                country="RU",
                region=None,
                aliases=_aliases(row["aliases"], row["name"]),
                subtype=row["kind"],
                capital=row["capital"],
            )
        )
    return places


def load_cities(folder: Path | None = None) -> list[Place]:
    path = (folder or DATA_DIR) / "cities.tsv"
    return [
        Place(
            name=row["name"],
            kind="city",
            code=None,
            country=row["country"],
            region=row["region"] or None,
            aliases=_aliases(row["aliases"], row["name"]),
        )
        for _, row in _rows(path)
    ]


def load_places(folder: Path | None = None) -> list[Place]:
    """Every place of the three files: countries, then regions, then cities."""
    return [*load_countries(folder), *load_regions(folder), *load_cities(folder)]
