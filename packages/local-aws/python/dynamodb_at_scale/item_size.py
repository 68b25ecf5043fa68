"""An item's size: its 400 KB check sums it once, and the sum is kept until the item is written.

moto's LimitedSizeDict sums the whole item again for every attribute it sets, which made seeding
the demo catalog (10,000 items) cost about half a millisecond of CPU per item more than the write
itself; and a Query sizes every result twice for its 1 MB page limit.
"""

from __future__ import annotations

from typing import Any

from moto.dynamodb.exceptions import ItemSizeTooLarge
from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
from moto.dynamodb.models.utilities import bytesize

from .replacement import Replacement


def forget(item: Item) -> None:
    """Drops the item's kept size: the item stored under its key was written."""
    item.__dict__.pop("_size", None)
    item.__dict__.pop("_billed_size", None)  # capacity_meter's billed size (capacity_meter/sizes.py)


def replacements() -> list[Replacement]:
    item_size = Item.size

    def cached_size(self: Item) -> int:
        size: int | None = self.__dict__.get("_size")
        if size is None:
            size = self.__dict__["_size"] = item_size(self)
        return size

    def item_sized_once(
        self: Item, hash_key: DynamoType, range_key: DynamoType | None, attrs: dict[str, Any]
    ) -> None:
        self.hash_key = hash_key
        self.range_key = range_key
        values = {key: DynamoType(value) for key, value in attrs.items()}
        # moto's limit and sum (keys' UTF-8 bytes plus values' sizes), checked once, not per attribute.
        if sum(bytesize(key) + value.size() for key, value in values.items()) > 405000:
            raise ItemSizeTooLarge
        # dict's own update, which LimitedSizeDict's constructor uses, skips its per-key check.
        self.attrs = LimitedSizeDict(values)

    return [
        Replacement(Item, "__init__", item_sized_once),
        Replacement(Item, "size", cached_size),
    ]
