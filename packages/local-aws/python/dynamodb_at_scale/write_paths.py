"""The three calls every DynamoDB write in moto ends in (Put/Update/Delete, batch writes,
transactions, PartiQL), followed by bringing what is kept about the item up to date: its place in
the query indexes, its cached size and its point-in-time history."""

from __future__ import annotations

from typing import Any, cast

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

from . import item_size, metering, point_in_time, query_index
from .replacement import Replacement


def stored(table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
    """The item stored under this key now, if any."""
    # moto keeps one Item per partition key, or (with a sort key) a dict of them by sort key.
    partition: Any = table.items.get(hash_key)
    if partition is None:
        return None
    if table.range_key_attr is None:
        return cast(Item, partition)
    return cast("Item | None", partition.get(range_key))


def touched(table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> None:
    """Brings every built index map, and the item's cached size, up to date with the item now
    stored under this key."""
    item = stored(table, hash_key, range_key)
    if item is not None:
        item_size.forget(item)
    query_index.reindex(table, hash_key, range_key, item)
    point_in_time.record(table, hash_key, range_key, item)


def replacements() -> list[Replacement]:
    put_item = Table.put_item
    delete_item = Table.delete_item
    update_item = DynamoDBBackend.update_item

    def indexed_put_item(self: Table, *args: Any, **kwargs: Any) -> Item:
        item = put_item(self, *args, **kwargs)
        touched(self, item.hash_key, item.range_key)
        return item

    def indexed_delete_item(self: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
        item = delete_item(self, hash_key, range_key)
        touched(self, hash_key, range_key)
        return item

    def indexed_update_item(
        self: DynamoDBBackend, table_name: str, key: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Item:
        with metering.update_metered(self, table_name, key):
            try:
                return update_item(self, table_name, key, *args, **kwargs)
            finally:
                # The update changed the item in place (or failed half-way): re-place it either way.
                try:
                    table = self.get_table(table_name)
                    touched(table, *self.get_keys_value(table, key))
                except Exception:  # noqa: BLE001 (a malformed key changed nothing; moto reports it)
                    pass

    return [
        Replacement(Table, "put_item", indexed_put_item),
        Replacement(Table, "delete_item", indexed_delete_item),
        Replacement(DynamoDBBackend, "update_item", indexed_update_item),
    ]
