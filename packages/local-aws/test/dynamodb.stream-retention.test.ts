import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { emulatorPython } from '../src/emulator.js';

// moto keeps every stream record and every shard iterator forever; the emulator bounds both
// (python/dynamodb_at_scale/stream_retention.py). Run in-process through boto3 and moto's mock,
// with small bounds and a clock the script moves, so nothing waits and nothing writes thousands.

const run = promisify(execFile);
const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

const SCRIPT = `
import json
from datetime import timedelta
import boto3
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.dynamodb.models import table as moto_table
from moto.dynamodbstreams.models import dynamodbstreams_backends
import dynamodb_at_scale
from dynamodb_at_scale import stream_retention as retention

lock = dynamodb_at_scale.install()
retention.MAX_RECORDS = 5
retention.MAX_ITERATORS = 3
moved = [timedelta(0)]
real_now = retention.now
retention.now = lambda: real_now() + moved[0]
# moto stamps each stream record with its own clock: the same moved one.
moto_table.utcnow = retention.now

def call(client, operation, **params):
    # serve.py takes this lock around every DynamoDB and DynamoDB Streams request.
    with lock:
        try:
            return getattr(client, operation)(**params)
        except ClientError as error:
            return error.response["Error"]["Code"]

found = {}
with mock_aws():
    settings = {"region_name": "us-east-1", "aws_access_key_id": "t", "aws_secret_access_key": "t"}
    ddb = boto3.client("dynamodb", **settings)
    # botocore would call a stream ARN's account endpoint, which moto's mock does not route.
    streams = boto3.client("dynamodbstreams", endpoint_url="https://streams.dynamodb.us-east-1.amazonaws.com", **settings)
    table = call(ddb, "create_table", TableName="shopeasy-local-cart", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})["TableDescription"]
    arn = table["LatestStreamArn"]
    shard = call(streams, "describe_stream", StreamArn=arn)["StreamDescription"]["Shards"][0]
    first = int(shard["SequenceNumberRange"]["StartingSequenceNumber"])

    def put(n):
        # The cart's conditional put of a cart version with its outbox.
        call(ddb, "put_item", TableName="shopeasy-local-cart", ConditionExpression="attribute_not_exists(pk)",
            Item={"pk": {"S": f"USER#u{n}"}, "sk": {"S": "CART"}, "outbox": {"M": {"n": {"N": str(n)}}}})

    def read(kind, **at):
        iterator = call(streams, "get_shard_iterator", StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType=kind, **at)
        if isinstance(iterator, str):
            return iterator
        records = call(streams, "get_records", ShardIterator=iterator["ShardIterator"])["Records"]
        return [[int(r["dynamodb"]["SequenceNumber"]) - first, r["dynamodb"]["NewImage"]["outbox"]["M"]["n"]["N"]] for r in records]

    for n in range(8):
        put(n)
    found["kept after 8 writes"] = read("TRIM_HORIZON")
    found["at a trimmed position"] = read("AT_SEQUENCE_NUMBER", SequenceNumber=str(first))
    oldest = call(streams, "get_shard_iterator", StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="LATEST")
    for _ in range(4):
        read("LATEST")
    backend = dynamodbstreams_backends["123456789012"]["us-east-1"]
    found["iterators kept"] = len(backend.shard_iterators)
    found["oldest iterator beyond the cap"] = call(streams, "get_records", ShardIterator=oldest["ShardIterator"])
    fresh = call(streams, "get_shard_iterator", StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="LATEST")
    moved[0] = timedelta(minutes=16)
    found["iterator after 16 minutes"] = call(streams, "get_records", ShardIterator=fresh["ShardIterator"])
    moved[0] = timedelta(hours=25)
    put(8)
    found["kept a day later"] = read("TRIM_HORIZON")
    # A transaction its second item's condition cancels leaves no record of its first (as in
    # DynamoDB, which streams only committed writes); the next write takes the next number.
    found["cancelled transaction"] = call(ddb, "transact_write_items", TransactItems=[
        {"Put": {"TableName": "shopeasy-local-cart", "Item": {"pk": {"S": "USER#t"}, "sk": {"S": "CART"}, "outbox": {"M": {"n": {"N": "-1"}}}}}},
        {"Put": {"TableName": "shopeasy-local-cart", "ConditionExpression": "attribute_not_exists(pk)",
            "Item": {"pk": {"S": "USER#u8"}, "sk": {"S": "CART"}, "outbox": {"M": {"n": {"N": "-2"}}}}}},
    ])
    put(9)
    found["after a cancelled transaction"] = read("TRIM_HORIZON")
print(json.dumps(found))
`;

describe('the emulator’s DynamoDB stream retention', () => {
  it('When a table’s stream outgrows its bounds, then the oldest records and iterators go, as in AWS, and sequence numbers stay; a cancelled transaction leaves no record', async () => {
    // boto3 would follow the test environment's AWS_ENDPOINT_URL past moto's mock to the emulator.
    const { AWS_ENDPOINT_URL: _emulator, ...env } = process.env;
    const { stdout, stderr } = await run(emulatorPython(), ['-c', SCRIPT], { cwd: PYTHON_DIR, env });

    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      // Every conditional put made a record with its new image; the three oldest were trimmed.
      'kept after 8 writes': [
        [3, '3'],
        [4, '4'],
        [5, '5'],
        [6, '6'],
        [7, '7'],
      ],
      'at a trimmed position': 'TrimmedDataAccessException',
      'iterators kept': 3,
      'oldest iterator beyond the cap': 'ExpiredIteratorException',
      'iterator after 16 minutes': 'ExpiredIteratorException',
      // Records older than 24 hours are trimmed; the new one keeps counting from where they left off.
      'kept a day later': [[8, '8']],
      'cancelled transaction': 'TransactionCanceledException',
      'after a cancelled transaction': [
        [8, '8'],
        [9, '9'],
      ],
    });
  });
});
