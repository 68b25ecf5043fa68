"""moto's DynamoDB at a cost that follows the work, not the table.

moto 5.2.5 answers every Query by walking (and sorting) every item of the table, for the base
table and for each secondary index, and copies every table a TransactWriteItems touches so that
a failed transaction can put the copy back. Both grow with the table: a category page of a
10,000-item catalog took about 0.35 s, a stock reservation copied the whole catalog.

`install()` changes five things and nothing else:

- Query reads one partition. The base table already keeps its items by partition key; each
  secondary index gets a map from its partition-key value(s) to the items that carry them
  (built on the index's first Query, then kept current on every write). moto's own query code
  then runs on that partition only, so sort order, ExclusiveStartKey, Limit before filters,
  projections and sparse indexes behave exactly as before.
- A failed transaction undoes only the items it touched, from copies of those items taken just
  before each one changed.
- Item-carrying answers (GetItem, Query, Scan, batch and transactional reads, writes returning
  attributes) are written as JSON directly. moto's generic serializer looks each attribute up
  through its alias rules, about 1 ms per item of twenty attributes; the items are already in
  DynamoDB's wire shape.
- Every write path moto has (Put/Update/Delete, batch writes, transactions, PartiQL) ends in
  `Table.put_item`, `Table.delete_item` or `DynamoDBBackend.update_item`; those keep the
  index maps current.
- A new item's 400 KB size check sums the item once. moto's `LimitedSizeDict` sums the whole
  item again for every attribute it sets, which made seeding the demo catalog (10,000 items)
  cost the emulator about half a millisecond of CPU per item more than the write itself.
"""

from __future__ import annotations

import base64
import bisect
import copy
import inspect
import json
from typing import Any

from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    ItemSizeTooLarge,
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
from moto.dynamodb.models import table as table_module
from moto.dynamodb.models.table import Table
from moto.dynamodb.models.utilities import bytesize, dynamo_to_dict
from moto.dynamodb.responses import DynamoResult
from moto.dynamodb.comparisons import get_filter_expression

_TRANSACT_OPS = ("ConditionCheck", "Put", "Delete", "Update")

# Operations whose results hold only wire-shaped members: items, keys, counts, capacity.
_ITEM_OPERATIONS = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "BatchWriteItem",
        "TransactGetItems",
        "TransactWriteItems",
    }
)


SortKey = tuple[DynamoType, ...]


class Ordered:
    """The items of one partition in the order a Query reads them, with their sort keys for bisect."""

    def __init__(self, items: list[Item], sort_key: Any):
        keyed = sorted(((sort_key(item), item) for item in items), key=lambda pair: pair[0])
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
        self.partitions: dict[SortKey, dict[tuple[Any, Any], Item]] = {}
        self.placed: dict[tuple[Any, Any], SortKey] = {}
        self.ordered: dict[SortKey, Ordered] = {}

    def place(self, key: tuple[Any, Any], item: Item | None) -> None:
        old = self.placed.pop(key, None)
        if old is not None:
            self.ordered.pop(old, None)
            members = self.partitions[old]
            members.pop(key, None)
            if not members:
                del self.partitions[old]
        if item is None:
            return
        values = tuple(item.attrs.get(attr) for attr in self.attrs)
        if any(value is None for value in values):
            return  # sparse: an item without the index's partition key is not in the index
        self.ordered.pop(values, None)
        self.partitions.setdefault(values, {})[key] = item
        self.placed[key] = values

    def sort_key(self, attrs: dict[str, Any]) -> SortKey | None:
        values = tuple(attrs.get(attr) for attr in self.order_attrs)
        return None if any(value is None for value in values) else values

    def members(self, values: SortKey) -> Ordered:
        """The partition in index order. An item without the index's sort key is not in it
        (moto's query leaves such items out as well)."""
        ordered = self.ordered.get(values)
        if ordered is None:
            members = self.partitions.get(values, {}).values()
            keyed = [item for item in members if self.sort_key(item.attrs) is not None]
            ordered = self.ordered[values] = Ordered(keyed, lambda item: self.sort_key(item.attrs))
        return ordered


def _maps(table: Table) -> dict[str, PartitionMap]:
    maps = table.__dict__.get("_partition_maps")
    if maps is None:
        maps = table.__dict__["_partition_maps"] = {}
    return maps


def _base_orders(table: Table) -> dict[DynamoType, Ordered]:
    orders = table.__dict__.get("_base_orders")
    if orders is None:
        orders = table.__dict__["_base_orders"] = {}
    return orders


def _current(table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
    partition = table.items.get(hash_key)
    if partition is None:
        return None
    if table.range_key_attr is None:
        return partition
    return partition.get(range_key)


def _touched(table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> None:
    """Brings every built index map, and the item's cached size, up to date with the item now
    stored under this key."""
    _base_orders(table).pop(hash_key, None)
    item = _current(table, hash_key, range_key)
    if item is not None:
        item.__dict__.pop("_size", None)
    maps = table.__dict__.get("_partition_maps")
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
        partition = table.items.get(hash_key)
        if partition is None:
            return []
        if not table.range_key_attr:
            return [partition]
        orders = _base_orders(table)
        ordered = orders.get(hash_key)
        if ordered is None:
            ordered = orders[hash_key] = Ordered(list(partition.values()), lambda item: (item.range_key,))
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


class _Journal:
    """Copies of the items a transaction changes, taken before each change, to undo a failure."""

    def __init__(self) -> None:
        self.before: list[tuple[Table, DynamoType, DynamoType | None, Item | None]] = []

    def record(self, table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> None:
        self.before.append((table, hash_key, range_key, copy.deepcopy(_current(table, hash_key, range_key))))

    def undo(self) -> None:
        for table, hash_key, range_key, item in reversed(self.before):
            if table.range_key_attr is None:
                if item is None:
                    table.items.pop(hash_key, None)
                else:
                    table.items[hash_key] = item
            else:
                partition = table.items[hash_key]
                if item is None:
                    partition.pop(range_key, None)
                    if not partition:
                        del table.items[hash_key]
                else:
                    partition[range_key] = item
            _touched(table, hash_key, range_key)
        self.before.clear()


def _transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    """TransactWriteItems, all-or-nothing, undoing only the items it changed on failure."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    journal = _Journal()
    targets: set[tuple[str, str]] = set()
    reasons: list[tuple[Any, Any, Any]] = []
    try:
        for entry in transact_items:
            if len(entry) > 1:
                raise TransactWriteSingleOpException
            op_type, op = next(iter(entry.items()))
            reasons.append(_transact_one(self, op_type, op, targets, journal))
    except (MultipleTransactionsException, MockValidationException):
        journal.undo()
        raise
    if any(code is not None for code, _, _ in reasons):
        journal.undo()
        raise TransactionCanceledException(reasons)


def _transact_one(
    backend: DynamoDBBackend,
    op_type: str,
    op: dict[str, Any],
    targets: set[tuple[str, str]],
    journal: _Journal,
) -> tuple[Any, Any, Any]:
    old_image: dict[str, Any] | None = None
    try:
        if op_type not in _TRANSACT_OPS:
            raise ValueError("Unsupported transaction operation")
        table_name = op["TableName"]
        names = op.get("ExpressionAttributeNames")
        values = op.get("ExpressionAttributeValues")
        condition = op.get("ConditionExpression")
        table = backend.get_table(table_name)
        if op_type == "Put":
            key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
            if table.range_key_attr is not None:
                key[table.range_key_attr] = op["Item"][table.range_key_attr]
        else:
            key = op["Key"]
        target = (str(table_name), str(dict(sorted(key.items()))))
        if target in targets:
            raise MultipleTransactionsException()
        targets.add(target)

        hash_key, range_key = backend.get_keys_value(table, key)
        current = table.get_item(hash_key, range_key)
        if condition is not None and not get_filter_expression(condition, names, values).expr(current):
            if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                old_image = current.to_json()["Attributes"]
            raise ConditionalCheckFailed(item=old_image)

        if op_type != "ConditionCheck":
            journal.record(table, hash_key, range_key)
        expression = {
            "condition_expression": condition,
            "expression_attribute_names": names,
            "expression_attribute_values": values,
        }
        if op_type == "Put":
            backend.put_item(table_name, op["Item"], **expression)
        elif op_type == "Delete":
            backend.delete_item(table_name, key, **expression)
        elif op_type == "Update":
            backend.update_item(table_name, key, update_expression=op["UpdateExpression"], **expression)
        return (None, None, None)
    except (MultipleTransactionsException, MockValidationException):
        raise
    except ConditionalCheckFailed as error:
        return ("ConditionalCheckFailed", str(error.message), old_image)
    except Exception as error:  # noqa: BLE001 (DynamoDB reports any other failure as a reason)
        return (type(error).__name__, str(error), old_image)


def _wire(value: Any) -> Any:
    """A result in DynamoDB's JSON wire shape, in one pass: attribute values as {type: value},
    binaries in base64, members that moto's serializer leaves out (None) left out."""
    if isinstance(value, DynamoType):
        kind, inner = value.type, value.value
        if kind == "B":
            return {"B": inner if isinstance(inner, str) else _base64(inner)}
        if kind == "BS":
            return {"BS": [v if isinstance(v, str) else _base64(v) for v in inner]}
        return {kind: _wire(inner)}
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_wire(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return _base64(value)
    if hasattr(value, "to_json"):
        return _wire(value.to_json())
    return value


def _base64(value: bytes | bytearray) -> str:
    return base64.b64encode(value).decode("ascii")


class _NoCopy:
    """Stands in for the `copy` module inside moto's Table.query: its results are only read
    (projected into new items, filtered, serialised under the DynamoDB lock), never changed."""

    copy = staticmethod(copy.copy)

    @staticmethod
    def deepcopy(value: Any, memo: Any = None) -> Any:
        return value


def install() -> None:
    """Patches moto's DynamoDB in this process (idempotent)."""
    if getattr(Table, "_partition_aware", False):
        return
    query = Table.query
    query_signature = inspect.signature(query)
    put_item = Table.put_item
    delete_item = Table.delete_item
    update_item = DynamoDBBackend.update_item

    def partition_query(self: Table, *args: Any, **kwargs: Any) -> Any:
        bound = query_signature.bind(self, *args, **kwargs)
        candidates = _candidates(self, bound.arguments)
        if candidates is None:
            return query(self, *args, **kwargs)
        # moto's query reads its candidates from all_items(); hand it the one partition instead.
        self.all_items = lambda: candidates  # type: ignore[method-assign]
        table_module.copy = _NoCopy
        try:
            return query(self, *args, **kwargs)
        finally:
            table_module.copy = copy
            del self.all_items

    def indexed_put_item(self: Table, *args: Any, **kwargs: Any) -> Item:
        item = put_item(self, *args, **kwargs)
        _touched(self, item.hash_key, item.range_key)
        return item

    def indexed_delete_item(self: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
        item = delete_item(self, hash_key, range_key)
        _touched(self, hash_key, range_key)
        return item

    def indexed_update_item(self: DynamoDBBackend, table_name: str, key: dict[str, Any], *args: Any, **kwargs: Any) -> Item:
        try:
            return update_item(self, table_name, key, *args, **kwargs)
        finally:
            # The update changed the item in place (or failed half-way): re-place it either way.
            try:
                table = self.get_table(table_name)
                _touched(table, *self.get_keys_value(table, key))
            except Exception:  # noqa: BLE001 (a malformed key changed nothing; moto reports it)
                pass

    execute_result = DynamoResult.execute_result

    def raw_result(self: DynamoResult, result: object) -> None:
        # Converted on the way out (below), not here: item answers skip the conversion.
        self._result = result

    def direct_execute_result(self: DynamoResult, context: Any) -> Any:
        if context.operation_model.name not in _ITEM_OPERATIONS or not isinstance(self._result, dict):
            self._result = dynamo_to_dict(self._result)
            return execute_result(self, context)
        body = json.dumps(_wire(self._result), separators=(",", ":"))
        return 200, {"Content-Type": "application/x-amz-json-1.0"}, body

    item_size = Item.size

    def cached_size(self: Item) -> int:
        # Dropped whenever the stored item is written (_touched); moto sizes every result twice.
        size = self.__dict__.get("_size")
        if size is None:
            size = self.__dict__["_size"] = item_size(self)
        return size

    def item_sized_once(self: Item, hash_key: DynamoType, range_key: DynamoType | None, attrs: dict[str, Any]) -> None:
        self.hash_key = hash_key
        self.range_key = range_key
        values = {key: DynamoType(value) for key, value in attrs.items()}
        # moto's limit and sum (keys' UTF-8 bytes plus values' sizes), checked once, not per attribute.
        if sum(bytesize(key) + value.size() for key, value in values.items()) > 405000:
            raise ItemSizeTooLarge
        # dict's own update, which LimitedSizeDict's constructor uses, skips its per-key check.
        self.attrs = LimitedSizeDict(values)

    Item.__init__ = item_sized_once  # type: ignore[method-assign]
    DynamoResult.__init__ = raw_result  # type: ignore[method-assign]
    DynamoResult.execute_result = direct_execute_result  # type: ignore[method-assign]
    Item.size = cached_size  # type: ignore[method-assign]
    Table.query = partition_query  # type: ignore[method-assign]
    Table.put_item = indexed_put_item  # type: ignore[method-assign]
    Table.delete_item = indexed_delete_item  # type: ignore[method-assign]
    DynamoDBBackend.update_item = indexed_update_item  # type: ignore[method-assign]
    DynamoDBBackend.transact_write_items = _transact_write_items  # type: ignore[method-assign]
    Table._partition_aware = True  # type: ignore[attr-defined]
