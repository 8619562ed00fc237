"""The gazetteer's data: countries, Russian federal subjects and cities.

Plain parsing of the TSV files that sit next to this module, nothing else:
no morphology and no work at import time. Each file is a table read by
`lexicons.read_table` (tab-separated, a header line, `#` comments); aliases
are ``|``-separated.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..lexicons import data_path, read_table

DATA_DIR = data_path("geo")

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
    "place_adjectives.tsv": (("adjective", "place"), 2),
    "abbreviations.tsv": (("abbreviation", "places"), 2),
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
    return read_table(path, columns, required)


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


def load_adjectives(folder: Path | None = None) -> list[tuple[str, str | None]]:
    """(adjective, canonical place name or None for "not a place") of place_adjectives.tsv."""
    rows = _rows((folder or DATA_DIR) / "place_adjectives.tsv")
    return [(row["adjective"], None if row["place"] == "-" else row["place"]) for _, row in rows]


def load_abbreviations(folder: Path | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """(abbreviation, the canonical names it may stand for, the default first) of abbreviations.tsv."""
    rows = _rows((folder or DATA_DIR) / "abbreviations.tsv")
    return [(row["abbreviation"], tuple(n.strip() for n in row["places"].split("|") if n.strip())) for _, row in rows]
