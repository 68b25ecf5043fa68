"""moto's DynamoDB at a cost that follows the work, not the table.

moto 5.2.5 answers every Query by walking (and sorting) every item of the table, for the base
table and for each secondary index, and copies every table a TransactWriteItems touches so that
a failed transaction can put the copy back. Both grow with the table: a category page of a
10,000-item catalog took about 0.35 s, a stock reservation copied the whole catalog. The
packages/local-aws README tells the measurements; test/dynamodb.same-as-moto.test.ts sends the
same requests here and to unchanged moto and compares every answer.

`install()` replaces seventeen moto attributes for the life of the process (twenty-three with the capacity
meter on, see metering below), grouped by the module that replaces them:

    moto.dynamodb.models.table.Table.query
        query_index: a Query reads one partition, not the whole table
    moto.dynamodb.models.table.Table.put_item
    moto.dynamodb.models.table.Table.delete_item
    moto.dynamodb.models.DynamoDBBackend.update_item
        write_paths: every write keeps the query indexes and the item's kept size current
    moto.dynamodb.models.DynamoDBBackend.transact_write_items
        transactions: a failed transaction undoes only the items it changed
    moto.dynamodb.responses.DynamoResult.__init__
    moto.dynamodb.responses.DynamoResult.execute_result
        answer_encoding: item-carrying answers are written as JSON directly
    moto.dynamodb.models.dynamo_type.Item.__init__
    moto.dynamodb.models.dynamo_type.Item.size
        item_size: a new item is sized once, and its size kept until the item is written
    moto.dynamodb.models.table.SecondaryIndex.project
        index_projection: a KEYS_ONLY or INCLUDE entry picks its attributes, no JSON round trip
    moto.dynamodb.models.DynamoDBBackend.put_item
    moto.dynamodb.models.DynamoDBBackend.delete_item
        metering: tells capacity_meter what each write cost (write_paths and transactions call it too)
    moto.dynamodb.models.table.Table.scan
    moto.dynamodb.responses.DynamoHandler.get_item
    moto.dynamodb.responses.DynamoHandler.batch_get_item
    moto.dynamodb.responses.DynamoHandler.transact_get_items
        read_metering: tells capacity_meter what each read cost (query_index calls it too); neither
        metering module installs anything with SHOPEASY_CAPACITY_METER=off
    moto.dynamodb.models.table.StreamShard.add
    moto.dynamodb.models.table.StreamShard.get
    moto.dynamodbstreams.models.DynamoDBStreamsBackend.get_shard_iterator
    moto.dynamodbstreams.models.DynamoDBStreamsBackend.get_records
        stream_retention: a table's stream records and shard iterators are trimmed and expire as in AWS
    moto.dynamodb.models.DynamoDBBackend.update_continuous_backups
    moto.dynamodb.models.DynamoDBBackend.describe_continuous_backups
    moto.dynamodb.responses.DynamoHandler.restore_table_to_point_in_time
        point_in_time: RestoreTableToPointInTime restores the table as it was at RestoreDateTime

For the length of one Query, query_index replaces two more and then puts them back: ``all_items``
on the queried Table (the one partition instead of the whole table) and the ``copy`` module that
``moto.dynamodb.models.table`` uses (the candidates are only read, so they are not deep-copied).
Each module's docstring says more. moto's own code still evaluates every key condition, filter,
projection, update and condition expression.

The state kept beside moto's lives in the instances' own ``__dict__``: ``_partition_maps`` and
``_base_orders`` on a Table, ``_size`` on an Item. (serve.py replaces one more moto attribute,
``moto.backends.list_of_moto_modules``, which has nothing to do with DynamoDB; see there.)

Two guards make the patch safe to own:

- moto's version. Every replacement copies or leans on moto 5.2.5's code (the pin in
  requirements-dev.txt), so ``install()`` refuses any other moto with ``MotoVersionError``. After
  raising the pin, compare each attribute above with the new moto, run the local-aws tests, then
  change ``MOTO_VERSION``.
- One DynamoDB request at a time. The replacements share state that is not safe under
  concurrency: a Query swaps ``all_items`` and the module's ``copy`` while it runs, answers are
  serialised from the stored items without copying them, a transaction's undo journal and the
  index maps assume nothing else writes meanwhile. ``install()`` returns the ``RequestLock`` that
  serve.py takes around every DynamoDB request, and each replaced attribute checks, on every call,
  that the calling thread holds that lock; a call without it raises ``LockNotHeldError`` instead
  of corrupting the tables. Checking ownership by this thread, not merely that the lock is taken,
  is what catches a request that slipped past the lock while another one holds it.
"""

from __future__ import annotations

import functools
import threading
from importlib.metadata import version
from types import TracebackType
from typing import Any

from . import (
    answer_encoding,
    index_projection,
    item_size,
    metering,
    point_in_time,
    query_index,
    read_metering,
    stream_retention,
    transactions,
    write_paths,
)
from .replacement import Replacement

__all__ = ["MOTO_VERSION", "LockNotHeldError", "MotoVersionError", "RequestLock", "install"]

# The moto this patch was written and tested against: the pin in requirements-dev.txt.
MOTO_VERSION = "5.2.5"


class MotoVersionError(RuntimeError):
    """The installed moto is not the one the patch was written against."""


class LockNotHeldError(RuntimeError):
    """A replaced moto attribute was called by a thread that does not hold the request lock."""


class RequestLock:
    """The lock DynamoDB requests run under, which knows the thread that holds it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner: int | None = None

    def __enter__(self) -> RequestLock:
        self._lock.acquire()
        self._owner = threading.get_ident()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._owner = None
        self._lock.release()

    def held(self) -> bool:
        """Whether the calling thread holds the lock (another thread's hold does not count)."""
        return self._owner == threading.get_ident()

    def guard(self, replacement: Replacement) -> Any:
        """The replacement's function, refusing to run unless the calling thread holds the lock."""
        function = replacement.function
        where = f"{replacement.owner.__module__}.{replacement.owner.__qualname__}.{replacement.name}"

        @functools.wraps(function)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not self.held():
                raise LockNotHeldError(
                    f"{where} called outside the DynamoDB request lock (see dynamodb_at_scale)"
                )
            return function(*args, **kwargs)

        return guarded


_installed: list[RequestLock] = []


def install() -> RequestLock:
    """Replaces the moto attributes listed above in this process and returns the lock that every
    DynamoDB request must hold while moto handles it and its answer is written. Idempotent: a
    second call returns the same lock. Raises MotoVersionError for any moto but MOTO_VERSION."""
    if _installed:
        return _installed[0]
    found = version("moto")
    if found != MOTO_VERSION:
        raise MotoVersionError(
            f"dynamodb_at_scale replaces parts of moto {MOTO_VERSION} (the pin in requirements-dev.txt) "
            f"but found moto {found}. Reinstall the pinned moto (scripts/bootstrap.sh), or compare every "
            f"attribute listed in dynamodb_at_scale/__init__.py with moto {found}, run the local-aws tests "
            "and change MOTO_VERSION."
        )
    lock = RequestLock()
    # Every replacement captures moto's own functions before any of them is replaced.
    replacements = [
        *query_index.replacements(),
        *write_paths.replacements(),
        *transactions.replacements(),
        *answer_encoding.replacements(),
        *item_size.replacements(),
        *index_projection.replacements(),
        *metering.replacements(),
        *read_metering.replacements(),
        *stream_retention.replacements(),
        *point_in_time.replacements(),
    ]
    for replacement in replacements:
        setattr(replacement.owner, replacement.name, lock.guard(replacement))
    _installed.append(lock)
    return lock
