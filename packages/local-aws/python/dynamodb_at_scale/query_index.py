"""Query reads one partition: the base table's, or a secondary index's from a map kept per index.

Each partition is kept in the order a Query reads it, with its sort keys, so ExclusiveStartKey is
found by bisection and, without a sort-key condition, only Limit + 1 items are handed to moto's
own query code, which still decides sort order, filters, projections and LastEvaluatedKey.
"""

from __future__ import annotations

import bisect
import copy
import inspect
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from typing import Any, cast

from moto.dynamodb.models import table as table_module
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

from . import read_metering
from .replacement import Replacement

SortKey = tuple[DynamoType, ...]
ItemKey = tuple[DynamoType, DynamoType | None]


def key_values(attrs: Mapping[str, DynamoType], names: list[str]) -> SortKey | None:
    """The values of these attributes, or None when the item lacks one of them."""
    values = []
    for name in names:
        value = attrs.get(name)
        if value is None:
            return None
        values.append(value)
    return tuple(values)


class Ordered:
    """The items of one partition in the order a Query reads them, with their sort keys for bisect."""

    def __init__(self, keyed: list[tuple[SortKey, Item]]):
        keyed.sort(key=lambda pair: pair[0])
        self.keys = [key for key, _ in keyed]
        self.items = [item for _, item in keyed]

    def after(self, start: SortKey | None, forward: bool) -> list[Item]:
        """The items a page starting after `start` may hold, in ascending order."""
        if start is None:
            return list(self.items)
        if forward:
            return self.items[bisect.bisect_right(self.keys, start) :]
        return self.items[: bisect.bisect_left(self.keys, start)]


class PartitionMap:
    """One secondary index: its items grouped by the value(s) of its partition-key attributes."""

    def __init__(self, hash_attrs: list[str], range_attrs: list[str], table_keys: list[str]):
        self.attrs = hash_attrs
        # moto orders an index by its sort key(s), then by the table's key: the same order here.
        self.order_attrs = range_attrs + table_keys
        self.partitions: dict[SortKey, dict[ItemKey, Item]] = {}
        self.placed: dict[ItemKey, SortKey] = {}
        self.ordered: dict[SortKey, Ordered] = {}

    def place(self, key: ItemKey, item: Item | None) -> None:
        old = self.placed.pop(key, None)
        if old is not None:
            self.ordered.pop(old, None)
            members = self.partitions[old]
            members.pop(key, None)
            if not members:
                del self.partitions[old]
        if item is None:
            return
        values = key_values(item.attrs, self.attrs)
        if values is None:
            return  # sparse: an item without the index's partition key is not in the index
        self.ordered.pop(values, None)
        self.partitions.setdefault(values, {})[key] = item
        self.placed[key] = values

    def members(self, values: SortKey) -> Ordered:
        """The partition in index order. An item without the index's sort key is not in it
        (moto's query leaves such items out as well)."""
        ordered = self.ordered.get(values)
        if ordered is None:
            keyed = []
            for item in self.partitions.get(values, {}).values():
                sort_key = key_values(item.attrs, self.order_attrs)
                if sort_key is not None:
                    keyed.append((sort_key, item))
            ordered = self.ordered[values] = Ordered(keyed)
        return ordered


def _state(table: Table, name: str) -> dict[Any, Any]:
    """A map kept in the table's own __dict__ beside moto's attributes."""
    state: dict[Any, Any] | None = table.__dict__.get(name)
    if state is None:
        state = table.__dict__[name] = {}
    return state


def _maps(table: Table) -> dict[str, PartitionMap]:
    return _state(table, "_partition_maps")


def _base_orders(table: Table) -> dict[DynamoType, Ordered]:
    return _state(table, "_base_orders")


def reindex(table: Table, hash_key: DynamoType, range_key: DynamoType | None, item: Item | None) -> None:
    """Brings the base partition's order and every built index map up to date with the item now
    stored under this key (None: no item)."""
    _base_orders(table).pop(hash_key, None)
    maps: dict[str, PartitionMap] | None = table.__dict__.get("_partition_maps")
    if not maps:
        return
    for partition_map in maps.values():
        partition_map.place((hash_key, range_key), item)


def _partition_map(table: Table, index_name: str) -> PartitionMap | None:
    maps = _maps(table)
    if index_name in maps:
        return maps[index_name]
    index = next((i for i in table.all_indexes() if i.name == index_name), None)
    if index is None:
        return None  # moto's own query answers with the ValidationException
    hash_attrs = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
    range_attrs = [k["AttributeName"] for k in index.schema if k["KeyType"] == "RANGE"]
    table_keys = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
    if not range_attrs:
        # An index without a sort key reads in the table's sort-key order first, as moto's does.
        range_attrs = [table.range_key_attr or table.hash_key_attr]
    partition_map = PartitionMap(hash_attrs, range_attrs, table_keys)
    for item in table.all_items():
        partition_map.place((item.hash_key, item.range_key), item)
    maps[index_name] = partition_map
    return partition_map


def _start_key(attrs: list[str], start: dict[str, Any] | None) -> SortKey | None:
    if not start or any(attr not in start for attr in attrs):
        return None
    return tuple(DynamoType(start[attr]) for attr in attrs)


def _base_ordered(table: Table, hash_key: DynamoType, partition: dict[DynamoType, Item]) -> Ordered:
    orders = _base_orders(table)
    ordered = orders.get(hash_key)
    if ordered is None:
        # Every item of a table with a sort key has one.
        ordered = orders[hash_key] = Ordered(
            [(cast(SortKey, (item.range_key,)), item) for item in partition.values()]
        )
    return ordered


def _candidates(table: Table, args: dict[str, Any]) -> list[Item] | None:
    """The items of the one partition the Query names, from its ExclusiveStartKey on, in order;
    None when moto's full walk must decide."""
    index_name = args.get("index_name")
    forward = args.get("scan_index_forward") is not False
    start = args.get("exclusive_start_key")
    if not index_name:
        hash_key = args.get("hash_key")
        if hash_key is None:
            return None
        # moto keeps one Item per partition key, or (with a sort key) a dict of them by sort key.
        partition: Any = table.items.get(hash_key)
        if partition is None:
            return []
        if not table.range_key_attr:
            return [partition]
        ordered = _base_ordered(table, hash_key, partition)
        candidates = ordered.after(_start_key([table.range_key_attr], start), forward)
    else:
        partition_map = _partition_map(table, index_name)
        conditions = dict(args.get("hash_key_conditions") or [])
        if partition_map is None or any(attr not in conditions for attr in partition_map.attrs):
            return None
        ordered = partition_map.members(tuple(conditions[attr] for attr in partition_map.attrs))
        candidates = ordered.after(_start_key(partition_map.order_attrs, start), forward)
    # Without a sort-key condition every candidate counts towards Limit (a FilterExpression applies
    # after it); one more than Limit lets moto see that more remain (LastEvaluatedKey).
    limit = args.get("limit")
    if limit and not args.get("range_comparison") and not args.get("filter_kwargs"):
        candidates = candidates[: limit + 1] if forward else candidates[-(limit + 1) :]
    return candidates


class _NoCopy:
    """Stands in for the `copy` module inside moto's Table.query: its results are only read
    (projected into new items, filtered, serialised under the DynamoDB lock), never changed."""

    copy = staticmethod(copy.copy)

    @staticmethod
    def deepcopy(value: Any, memo: Any = None) -> Any:
        return value


_ABSENT = object()


@contextmanager
def _swapped(namespace: MutableMapping[str, Any], name: str, value: object) -> Iterator[None]:
    """`name` in this namespace (a module's or an instance's __dict__) is `value` for a while.
    On an instance, the entry shadows the class's method, and deleting it brings that back."""
    old = namespace.get(name, _ABSENT)
    namespace[name] = value
    try:
        yield
    finally:
        if old is _ABSENT:
            del namespace[name]
        else:
            namespace[name] = old


def replacements() -> list[Replacement]:
    query: Callable[..., Any] = Table.query
    query_signature = inspect.signature(query)

    def partition_query(self: Table, *args: Any, **kwargs: Any) -> Any:
        bound = query_signature.bind(self, *args, **kwargs)
        candidates = _candidates(self, bound.arguments)
        # What the key condition read, for the capacity meter: moto deep-copies exactly that.
        capture = read_metering.ReadCapture(deep=candidates is None) if read_metering.capturing() else None
        if candidates is None:
            if capture is None:
                return query(self, *args, **kwargs)
            with _swapped(vars(table_module), "copy", capture):
                answer = query(self, *args, **kwargs)
        else:
            # moto's query reads its candidates from all_items(); hand it the one partition instead.
            with (
                _swapped(vars(self), "all_items", lambda: candidates),
                _swapped(vars(table_module), "copy", capture or _NoCopy),
            ):
                answer = query(self, *args, **kwargs)
        if capture is not None:
            read_metering.query_read(self, bound.arguments, capture)
        return answer

    return [Replacement(Table, "query", partition_query)]
