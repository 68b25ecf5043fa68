"""Kinesis records and bytes (data plus partition key, as Kinesis bills and throttles them) per
shard: PutRecord and PutRecords by the ShardId moto answers per record, GetRecords by the shard
its iterator names."""

from __future__ import annotations

from base64 import b64decode
from collections import defaultdict
from typing import Any

from moto.kinesis.models import KinesisBackend, Record
from moto.kinesis.utils import decompose_shard_iterator

from .meter import KinesisKey, Meter


def _record_bytes(data: str | None, partition_key: str | None) -> int:
    return len(b64decode(data or "")) + len((partition_key or "").encode("utf-8"))


def install(meter: Meter) -> None:
    """Wraps moto's Kinesis backend for the life of the process (moto's own methods still run)."""
    put_record = KinesisBackend.put_record
    put_records = KinesisBackend.put_records
    get_records = KinesisBackend.get_records

    def stream_name(backend: KinesisBackend, arn: str | None, name: str | None) -> str:
        return str(backend.describe_stream(stream_arn=arn, stream_name=name).stream_name)

    def metered_put_record(
        self: KinesisBackend,
        stream_arn: str,
        name: str,
        partition_key: str,
        explicit_hash_key: str,
        data: str,
    ) -> tuple[str, str]:
        sequence, shard = put_record(self, stream_arn, name, partition_key, explicit_hash_key, data)
        if not meter.active:
            return sequence, shard
        key = KinesisKey(stream_name(self, stream_arn, name), shard, "in")
        meter.kinesis(key, 1, _record_bytes(data, partition_key))
        return sequence, shard

    def metered_put_records(
        self: KinesisBackend, stream_arn: str, name: str, records: list[dict[str, Any]]
    ) -> dict[str, Any]:
        answer = put_records(self, stream_arn, name, records)
        if not meter.active:
            return answer
        per_shard: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for sent, landed in zip(records, answer["Records"], strict=False):
            shard = landed.get("ShardId")
            if shard:
                per_shard[shard][0] += 1
                per_shard[shard][1] += _record_bytes(sent.get("Data"), sent.get("PartitionKey"))
        stream = stream_name(self, stream_arn, name)
        for shard, (count, size) in per_shard.items():
            meter.kinesis(KinesisKey(stream, shard, "in"), count, size)
        return answer

    def metered_get_records(
        self: KinesisBackend, stream_arn: str | None, shard_iterator: str, limit: int | None
    ) -> tuple[str, list[Record], int]:
        answer = get_records(self, stream_arn, shard_iterator, limit)
        if not meter.active:
            return answer
        # moto's iterator is "stream:shard:sequence" in base64; its own get_records decodes it first.
        stream, shard = decompose_shard_iterator(shard_iterator)[:2]
        records = answer[1]
        size = sum(_record_bytes(r.data, r.partition_key) for r in records)
        meter.kinesis(KinesisKey(stream, shard, "out"), len(records), size)
        return answer

    replaced = {
        "put_record": metered_put_record,
        "put_records": metered_put_records,
        "get_records": metered_get_records,
    }
    for name, function in replaced.items():
        setattr(KinesisBackend, name, function)
