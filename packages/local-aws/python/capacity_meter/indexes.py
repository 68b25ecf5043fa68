"""What a base-table write costs each secondary index, by AWS's rules for index writes: an item
entering the index is one put, leaving it one delete, a changed index key a delete and a put, a
changed projected attribute one put, anything else nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

from .sizes import attrs_size, item_size


@dataclass(frozen=True)
class IndexShape:
    name: str
    hash_attrs: list[str]
    index_keys: list[str]  # the index's partition and sort key attributes
    entry_attrs: list[str]  # what an entry holds: index and table keys, then the projected ones
    projected: list[str] | None  # non-key attributes projected; None: ALL

    def key(self, item: Item | None) -> tuple[DynamoType, ...] | None:
        """The entry's index key, or None when the item is not in this (sparse) index."""
        if item is None:
            return None
        values = []
        for name in self.index_keys:
            value = item.attrs.get(name)
            if value is None:
                return None
            values.append(value)
        return tuple(values)

    def entry_size(self, item: Item) -> int:
        if self.projected is None:
            return item_size(item)
        return attrs_size(item.attrs, self.entry_attrs)

    def projection_changed(self, before: Item, after: Item) -> bool:
        if self.projected is None:
            return before.attrs != after.attrs
        return any(not _same(before.attrs.get(name), after.attrs.get(name)) for name in self.projected)


def _same(a: DynamoType | None, b: DynamoType | None) -> bool:
    # DynamoType's comparison reads the other side's type, which None has not.
    return a is b if a is None or b is None else bool(a == b)


def shapes(table: Table) -> list[IndexShape]:
    """The table's secondary indexes (global and local), kept on the table: they never change."""
    found: list[IndexShape] | None = table.__dict__.get("_index_shapes")
    if found is None:
        table_keys = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
        found = []
        for index in table.all_indexes():
            schema: list[dict[str, Any]] = index.schema
            hash_attrs = [k["AttributeName"] for k in schema if k["KeyType"] == "HASH"]
            range_attrs = [k["AttributeName"] for k in schema if k["KeyType"] == "RANGE"]
            projection = index.projection or {}
            kind = projection.get("ProjectionType", "ALL")
            projected = None if kind == "ALL" else list(projection.get("NonKeyAttributes", []))
            index_keys = hash_attrs + range_attrs
            entry_attrs = list(dict.fromkeys(index_keys + table_keys + (projected or [])))
            found.append(IndexShape(index.name, hash_attrs, index_keys, entry_attrs, projected))
        table.__dict__["_index_shapes"] = found
    return found


@dataclass(frozen=True)
class IndexWrite:
    index: str
    partition: tuple[DynamoType, ...]
    size: int


def index_writes(table: Table, before: Item | None, after: Item | None) -> list[IndexWrite]:
    """The index entries one base write puts or deletes, each with the index partition it lands in."""
    writes: list[IndexWrite] = []
    for shape in shapes(table):
        old, new = shape.key(before), shape.key(after)
        hashes = len(shape.hash_attrs)
        if old is not None and before is not None and old != new:
            writes.append(IndexWrite(shape.name, old[:hashes], shape.entry_size(before)))
        if new is not None and after is not None:
            moved = old != new
            if moved or (before is not None and shape.projection_changed(before, after)):
                writes.append(IndexWrite(shape.name, new[:hashes], shape.entry_size(after)))
    return writes
