"""The JSON Schema of a record, generated from the dataclasses of `records.py`.

    python -m extractor.schema           # rewrite extractor/schema.json after changing records.py
    python -m extractor.schema --check   # exit 1 when the shipped file is stale (tests/test_schema.py too)

How an annotation becomes a schema: str, float, bool -> string, number, boolean; int ->
integer, never negative (every int of a record is an offset or a length); a Literal -> enum
(a union of Literals: all their values); `X | None` -> X or null; list[X] -> array;
tuple[int, int] -> a pair; a dataclass or TypedDict -> an object with every field required
and no other; a string in `Annotated[...]` -> the description, the class docstring's for
an object. A field with `records.OMIT_NONE` metadata is left out when None: not required,
and never null.
"""
from __future__ import annotations

import json
import sys
import types
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

from .records import DocumentRecord

SHIPPED = Path(__file__).with_name("schema.json")
HEADER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "ru-fact-extractor/document-record/1",
    "title": "DocumentRecord",
}
SCALARS: dict[type, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer", "minimum": 0},
    float: {"type": "number"},
    bool: {"type": "boolean"},
}


def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `DocumentRecord.to_dict()`."""
    return {**HEADER, **_object(DocumentRecord)}


def dumps(schema: dict[str, Any]) -> str:
    """The text of the shipped file."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _schema(hint: Any, nullable: bool = True) -> dict[str, Any]:
    """`nullable=False`: a None the type allows is written as a missing key, not as null."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        out = _schema(args[0], nullable)
        described = [a for a in hint.__metadata__ if isinstance(a, str)]
        return {**out, "description": described[0]} if described else out
    if origin in (Union, types.UnionType):
        null = nullable and type(None) in args
        options = [a for a in args if a is not type(None)]
        if all(get_origin(a) is Literal for a in options):  # one enum, values in declaration order
            values = list(dict.fromkeys(v for a in options for v in get_args(a)))
            return {"enum": values + [None] if null else values}
        if len(options) != 1:
            raise TypeError(f"no JSON Schema for the union {hint!r}")
        out = _schema(options[0])
        if not null:
            return out
        if "enum" in out:
            return {**out, "enum": [*out["enum"], None]}
        if isinstance(out.get("type"), str):
            return {**out, "type": [out["type"], "null"]}
        return {"anyOf": [out, {"type": "null"}]}
    if origin is Literal:
        return {"enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _schema(args[0])}
    if origin is tuple and args and Ellipsis not in args and len(set(args)) == 1:
        return {"type": "array", "items": _schema(args[0]), "minItems": len(args), "maxItems": len(args)}
    if is_dataclass(hint) or is_typeddict(hint):
        return _object(hint)
    if hint in SCALARS:
        return dict(SCALARS[hint])
    raise TypeError(f"no JSON Schema for {hint!r}")


def _object(cls: type) -> dict[str, Any]:
    hints = get_type_hints(cls, include_extras=True)
    if is_dataclass(cls):
        omitted = {f.name for f in fields(cls) if f.metadata.get("omit_none")}
        names = [f.name for f in fields(cls)]
    else:  # a TypedDict
        omitted, names = set(cls.__optional_keys__), list(hints)
    out: dict[str, Any] = {}
    doc = cls.__doc__ or ""
    if doc and not doc.startswith(f"{cls.__name__}("):  # dataclass() writes its signature where there is no docstring
        out["description"] = " ".join(doc.split("\n\n")[0].split())
    return {
        **out,
        "type": "object",
        "additionalProperties": False,
        "required": [name for name in names if name not in omitted],
        "properties": {name: _schema(hints[name], nullable=name not in omitted) for name in names},
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = dumps(record_schema())
    if args == ["--check"]:
        fresh = SHIPPED.read_text(encoding="utf-8") == text
        print(f"{SHIPPED.name}: {'up to date' if fresh else 'stale: run python -m extractor.schema'}", file=sys.stderr)
        return 0 if fresh else 1
    if args:
        print("usage: python -m extractor.schema [--check]", file=sys.stderr)
        return 2
    SHIPPED.write_text(text, encoding="utf-8")
    print(f"wrote {SHIPPED}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
