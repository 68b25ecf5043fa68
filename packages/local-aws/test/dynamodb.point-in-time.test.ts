import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { emulatorPython } from '../src/emulator.js';

// moto's RestoreTableToPointInTime copies the table as it is now, whatever the time asked; the
// emulator keeps each PITR-enabled table's writes and replays them up to RestoreDateTime
// (python/dynamodb_at_scale/point_in_time.py). In-process through boto3 and moto's mock, with a
// clock the script moves, so nothing waits.

const run = promisify(execFile);
const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

const SCRIPT = `
import json
from datetime import datetime, timezone
import boto3
from botocore.exceptions import ClientError
from moto import mock_aws
import dynamodb_at_scale
from dynamodb_at_scale import point_in_time

lock = dynamodb_at_scale.install()
point_in_time.HISTORY_LIMIT = 6
clock = [1000.0]
point_in_time.now = lambda: clock[0]
at = lambda t: datetime.fromtimestamp(t, timezone.utc)

def call(operation, **params):
    # serve.py takes this lock around every DynamoDB request.
    with lock:
        try:
            return getattr(ddb, operation)(**params)
        except ClientError as error:
            return error.response["Error"]["Code"]

def put(pk, sk, v, **extra):
    return call("put_item", TableName="orders", Item={"pk": {"S": pk}, "sk": {"S": sk}, "v": {"N": str(v)}}, **extra)

def items(name):
    found = call("scan", TableName=name)["Items"]
    return sorted([i["pk"]["S"], i["sk"]["S"], int(i["v"]["N"])] for i in found)

def restore(target, **when):
    answer = call("restore_table_to_point_in_time", SourceTableName="orders", TargetTableName=target, **when)
    return items(target) if isinstance(answer, dict) else answer

found = {}
with mock_aws():
    ddb = boto3.client("dynamodb", region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t")
    call("create_table", TableName="orders", BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}])
    put("ORDER#1", "ORDER", 1)
    found["without PITR"] = restore("restored-0", UseLatestRestorableTime=True)
    call("update_continuous_backups", TableName="orders", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    clock[0] = 1010.0
    put("ORDER#2", "ORDER", 2)
    put("ORDER#2", "ITEM#a", 20)
    clock[0] = 1020.0  # the moment the drill notes
    clock[0] = 1030.0
    call("delete_item", TableName="orders", Key={"pk": {"S": "ORDER#1"}, "sk": {"S": "ORDER"}})
    call("update_item", TableName="orders", Key={"pk": {"S": "ORDER#2"}, "sk": {"S": "ORDER"}},
        UpdateExpression="SET v = :v", ExpressionAttributeValues={":v": {"N": "99"}})
    found["cancelled"] = call("transact_write_items", TransactItems=[
        {"Put": {"TableName": "orders", "Item": {"pk": {"S": "ORDER#3"}, "sk": {"S": "ORDER"}, "v": {"N": "3"}}}},
        {"Put": {"TableName": "orders", "ConditionExpression": "attribute_not_exists(pk)",
            "Item": {"pk": {"S": "ORDER#2"}, "sk": {"S": "ITEM#a"}, "v": {"N": "0"}}}}])
    clock[0] = 1040.0
    found["before the damage"] = restore("restored-1", RestoreDateTime=at(1020.0))
    found["latest"] = restore("restored-2", UseLatestRestorableTime=True)
    found["at enabling"] = restore("restored-3", RestoreDateTime=at(1000.0))
    found["before enabling"] = restore("restored-4", RestoreDateTime=at(999.0))
    found["in the future"] = restore("restored-5", RestoreDateTime=at(2000.0))
    # Two more writes pass the bound of 6: the oldest folds into the base, the window starts later.
    put("ORDER#4", "ORDER", 4)
    put("ORDER#5", "ORDER", 5)
    described = call("describe_continuous_backups", TableName="orders")["ContinuousBackupsDescription"]
    window = described["PointInTimeRecoveryDescription"]
    found["window"] = [window["EarliestRestorableDateTime"].timestamp(), window["LatestRestorableDateTime"].timestamp()]
    found["after folding, before the damage"] = restore("restored-6", RestoreDateTime=at(1020.0))
print(json.dumps(found))
`;

describe('the emulator’s point-in-time recovery', () => {
  it('When a table is restored to a time before deletes and updates, then it has the items as they were then, not as they are now', async () => {
    // boto3 would follow the test environment's AWS_ENDPOINT_URL past moto's mock to the emulator.
    const { AWS_ENDPOINT_URL: _emulator, ...env } = process.env;
    const { stdout, stderr } = await run(emulatorPython(), ['-c', SCRIPT], { cwd: PYTHON_DIR, env });

    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      'without PITR': 'PointInTimeRecoveryUnavailableException',
      cancelled: 'TransactionCanceledException',
      // Order 1 not yet deleted, order 2 not yet updated (moto alone answers the current table).
      'before the damage': [
        ['ORDER#1', 'ORDER', 1],
        ['ORDER#2', 'ITEM#a', 20],
        ['ORDER#2', 'ORDER', 2],
      ],
      // The cancelled transaction left nothing behind.
      latest: [
        ['ORDER#2', 'ITEM#a', 20],
        ['ORDER#2', 'ORDER', 99],
      ],
      'at enabling': [['ORDER#1', 'ORDER', 1]],
      'before enabling': 'InvalidRestoreTimeException',
      'in the future': 'InvalidRestoreTimeException',
      window: [1010, 1040],
      'after folding, before the damage': [
        ['ORDER#1', 'ORDER', 1],
        ['ORDER#2', 'ITEM#a', 20],
        ['ORDER#2', 'ORDER', 2],
      ],
    });
  });
});
