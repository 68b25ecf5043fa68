"""A table's stream and its shard iterators kept within bounds, as AWS keeps them.

moto appends every stream record of a table to ``StreamShard.items`` and every shard iterator it
hands out to ``DynamoDBStreamsBackend.shard_iterators``, and drops neither: under ``npm run load``
(thousands of cart writes a minute, each read back by the cart-events runner four times a second)
both grow for as long as the emulator runs. AWS trims stream records after 24 hours and lets a
shard iterator expire after 15 minutes. Here a shard keeps at most ``MAX_RECORDS`` records, none
older than ``RECORD_RETENTION``, and the backend at most ``MAX_ITERATORS`` iterators, none older than
``ITERATOR_LIFETIME``, whichever bound is reached first.

Trimming keeps sequence numbers: the shard's ``starting_sequence_number`` moves past the records
dropped (moto numbers a new record ``starting_sequence_number + len(items)`` and finds one at
``sequence_number - starting_sequence_number``), so TRIM_HORIZON is the oldest record kept. As in
AWS, reading a trimmed position answers TrimmedDataAccessException and a dropped iterator
ExpiredIteratorException; a reader gets a new iterator from the position it last completed.

Stream requests (X-Amz-Target ``DynamoDBStreams_…``) run under the DynamoDB request lock, as the
writes that add records do (serve.py), so these replacements are guarded like the others.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.core.utils import utcnow
from moto.dynamodb.models.dynamo_type import Item
from moto.dynamodb.models.table import StreamShard
from moto.dynamodbstreams.models import DynamoDBStreamsBackend, ShardIterator

from .replacement import Replacement

# At load (about 100 cart writes a second) 10,000 records are over a minute and a half of backlog,
# a few tens of MB of images: a runner that is down longer loses what AWS would keep for 24 hours.
MAX_RECORDS = 10_000
RECORD_RETENTION = timedelta(hours=24)
# One runner polling 4 times a second makes 14,400 iterators an hour; it holds only the newest.
MAX_ITERATORS = 1_000
ITERATOR_LIFETIME = timedelta(minutes=15)

# The clock records and iterators are aged by (moto stamps records with its own utcnow); tests replace it.
now: Callable[[], datetime] = utcnow

_ISSUED = "_issued_at"


class TrimmedDataAccessError(JsonRESTError):
    def __init__(self, sequence_number: int, horizon: int) -> None:
        super().__init__(
            "TrimmedDataAccessException",
            f"Sequence number {sequence_number} is beyond the trim horizon ({horizon} is the oldest kept)",
        )


class ExpiredIteratorError(JsonRESTError):
    def __init__(self) -> None:
        super().__init__("ExpiredIteratorException", "Iterator expired or unknown; get a new one")


def trim(shard: StreamShard) -> None:
    """Drops the oldest records beyond MAX_RECORDS or older than RECORD_RETENTION."""
    items = shard.items
    drop = max(len(items) - MAX_RECORDS, 0)
    horizon = now() - RECORD_RETENTION
    while drop < len(items) and items[drop].record["dynamodb"]["ApproximateCreationDateTime"] < horizon:
        drop += 1
    if drop > 0:
        del items[:drop]
        shard.starting_sequence_number += drop


def _issued(iterator: ShardIterator) -> None:
    iterator.__dict__[_ISSUED] = now()


def _expired(iterator: ShardIterator) -> bool:
    issued: datetime | None = iterator.__dict__.get(_ISSUED)
    return issued is None or issued < now() - ITERATOR_LIFETIME


def prune(backend: DynamoDBStreamsBackend) -> None:
    """Drops the oldest iterators beyond MAX_ITERATORS or older than ITERATOR_LIFETIME."""
    iterators = backend.shard_iterators
    # Insertion order is issue order: every iterator's id is new.
    while iterators:
        oldest = next(iter(iterators))
        if len(iterators) <= MAX_ITERATORS and not _expired(iterators[oldest]):
            return
        del iterators[oldest]


def replacements() -> list[Replacement]:
    add = StreamShard.add
    get = StreamShard.get
    get_shard_iterator = DynamoDBStreamsBackend.get_shard_iterator
    get_records = DynamoDBStreamsBackend.get_records

    def bounded_add(self: StreamShard, old: Item | None, new: Item | None) -> None:
        add(self, old, new)
        trim(self)

    def horizon_get(self: StreamShard, start: int, quantity: int) -> list[dict[str, Any]]:
        trim(self)
        if start < self.starting_sequence_number:
            raise TrimmedDataAccessError(start, self.starting_sequence_number)
        return get(self, start, quantity)

    def expiring_get_shard_iterator(
        self: DynamoDBStreamsBackend, arn: str, shard_id: str, kind: str, sequence_number: str | None = None
    ) -> ShardIterator:
        iterator = get_shard_iterator(self, arn, shard_id, kind, sequence_number)
        _issued(iterator)
        stream_shard = iterator.stream_shard
        trim(stream_shard)
        # moto does not check the position asked for; AWS refuses one already trimmed.
        if iterator.sequence_number < stream_shard.starting_sequence_number:
            del self.shard_iterators[iterator.arn]
            raise TrimmedDataAccessError(iterator.sequence_number, stream_shard.starting_sequence_number)
        prune(self)
        return iterator

    def expiring_get_records(self: DynamoDBStreamsBackend, iterator_arn: str, limit: int) -> dict[str, Any]:
        iterator = self.shard_iterators.get(iterator_arn)
        if iterator is None or _expired(iterator):
            raise ExpiredIteratorError()
        result: dict[str, Any] = get_records(self, iterator_arn, limit)
        _issued(self.shard_iterators[result["NextShardIterator"]])
        prune(self)
        return result

    return [
        Replacement(StreamShard, "add", bounded_add),
        Replacement(StreamShard, "get", horizon_get),
        Replacement(DynamoDBStreamsBackend, "get_shard_iterator", expiring_get_shard_iterator),
        Replacement(DynamoDBStreamsBackend, "get_records", expiring_get_records),
    ]
