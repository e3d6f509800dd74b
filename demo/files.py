"""Reads the demo's data files (`demo/data/`, described in its README) into the frozen
dataclasses that give them their shape (`demo/partnerships.py`, `demo/meetings.py`,
`demo/funding.py`).

The dataclass is the schema: a misspelt or unknown key, a missing field, a value of the
wrong type or outside a `Literal` fails with the file and the place in it. A key left out
takes the field's default. Dates are written "2009-03-27", times "10:00", money as a
string ("157540") so that a `Decimal` keeps its places; keys starting with "_" are notes
for people and are skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

DATA = Path(__file__).resolve().parent / "data"


def data_read(name: str, shape: Any) -> Any:
    """The file `demo/data/<name>` as `shape`: a dataclass, or a tuple or dict of them."""
    with (DATA / name).open(encoding="utf-8") as file:
        return _decode(shape, json.load(file), name)


def _decode(shape: Any, value: Any, where: str) -> Any:
    origin, args = get_origin(shape), get_args(shape)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = (arg for arg in args if arg is not type(None))
        return _decode(inner, value, where)
    if origin is Literal:
        _expect(value in args, where, f"one of {args}", value)
        return value
    if origin is tuple:
        _expect(isinstance(value, list), where, "a list", value)
        if len(args) == 2 and args[1] is Ellipsis:
            args = (args[0],) * len(value)
        _expect(len(args) == len(value), where, f"{len(args)} values", value)
        pairs = enumerate(zip(args, value, strict=True))
        return tuple(_decode(arg, item, f"{where}[{i}]") for i, (arg, item) in pairs)
    if origin is dict:
        _expect(isinstance(value, dict), where, "an object", value)
        return {k: _decode(args[1], v, f"{where}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(shape):
        return _decode_dataclass(shape, value, where)
    if shape in (dt.date, dt.time, Decimal):
        _expect(isinstance(value, str), where, f"a {shape.__name__} as text", value)
        return Decimal(value) if shape is Decimal else shape.fromisoformat(value)
    is_bool = isinstance(value, bool)  # a bool is an int to isinstance
    _expect(isinstance(value, shape) and is_bool == (shape is bool), where, shape.__name__, value)
    return value


def _decode_dataclass(shape: Any, value: Any, where: str) -> Any:
    _expect(isinstance(value, dict), where, f"a {shape.__name__} object", value)
    fields = _fields(shape)
    unknown = [key for key in value if key not in fields and not key.startswith("_")]
    _expect(not unknown, where, f"only the fields of {shape.__name__}", unknown)
    missing = [name for name, (_, required) in fields.items() if required and name not in value]
    _expect(not missing, where, f"the fields {missing}", sorted(value))
    return shape(
        **{
            name: _decode(fields[name][0], item, f"{where}.{name}")
            for name, item in value.items()
            if name in fields
        }
    )


@cache
def _fields(shape: Any) -> dict[str, tuple[Any, bool]]:
    """Each field's type, and whether it must be given (it has no default)."""
    hints = get_type_hints(shape)
    return {
        field.name: (
            hints[field.name],
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING,
        )
        for field in dataclasses.fields(shape)
    }


def _expect(ok: bool, where: str, expected: str, found: object) -> None:
    if not ok:
        raise ValueError(f"demo/data/{where}: expected {expected}, found {found!r}")
