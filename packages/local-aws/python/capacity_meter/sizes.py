"""Item and index-entry sizes by DynamoDB's published rule, which billing uses.

An attribute costs the UTF-8 bytes of its name plus its value: a string its UTF-8 bytes, a binary
its raw bytes, a number one byte per two significant digits plus one, null and boolean one byte,
a set the sum of its members, a list or map 3 bytes plus each element and one byte per element
(a map's elements with their names). moto's own size (item_size.py, for the 400 KB limit) counts
numbers by their digits and lists and maps without overhead; it is not used for billing.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from moto.dynamodb.models.dynamo_type import DynamoType, Item


def _utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def _number(text: str) -> int:
    try:
        digits = len(Decimal(text).normalize().as_tuple().digits)
    except InvalidOperation:
        digits = len(text)
    return (digits + 1) // 2 + 1


def _binary(value: str | bytes) -> int:
    if isinstance(value, bytes):
        return len(value)
    try:
        return len(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        return _utf8(value)


def value_size(value: DynamoType) -> int:
    kind, inner = value.type, value.value
    if kind == "S":
        return _utf8(inner)
    if kind == "N":
        return _number(str(inner))
    if kind == "B":
        return _binary(inner)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(_utf8(v) for v in inner)
    if kind == "NS":
        return sum(_number(str(v)) for v in inner)
    if kind == "BS":
        return sum(_binary(v) for v in inner)
    if kind == "L":
        return 3 + sum(value_size(_typed(v)) + 1 for v in inner)
    if kind == "M":
        return 3 + sum(_utf8(k) + value_size(_typed(v)) + 1 for k, v in inner.items())
    return _utf8(str(inner))


def _typed(value: Any) -> DynamoType:
    return value if isinstance(value, DynamoType) else DynamoType(value)


def attrs_size(attrs: Mapping[str, DynamoType], names: Iterable[str] | None = None) -> int:
    """The size of these attributes (all of them without `names`); absent names cost nothing."""
    if names is None:
        return sum(_utf8(name) + value_size(value) for name, value in attrs.items())
    total = 0
    for name in names:
        value = attrs.get(name)
        if value is not None:
            total += _utf8(name) + value_size(value)
    return total


def item_size(item: Item | None) -> int:
    """The item's billed size, kept on the item until it is written (item_size.forget drops it)."""
    if item is None:
        return 0
    size: int | None = item.__dict__.get("_billed_size")
    if size is None:
        size = item.__dict__["_billed_size"] = attrs_size(item.attrs)
    return size


def forget(item: Item) -> None:
    item.__dict__.pop("_billed_size", None)
