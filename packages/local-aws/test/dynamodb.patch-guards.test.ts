import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { emulatorPython } from '../src/emulator.js';
import { repoRoot } from '../src/index.js';

// The emulator's patch of moto (python/dynamodb_at_scale/) is only right for the moto it was written
// against and only while DynamoDB requests run one at a time; install() enforces both.

const run = promisify(execFile);
const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

/** Runs a Python script beside serve.py, as the emulator would import the patch. */
async function python(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(emulatorPython(), ['-c', script], { cwd: PYTHON_DIR });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function pinnedMoto(): string {
  const requirements = readFileSync(`${repoRoot()}/requirements-dev.txt`, 'utf8');
  const pin = /^moto\[server\]==(\S+)$/m.exec(requirements);
  if (!pin) throw new Error('requirements-dev.txt pins no moto[server]');
  return pin[1]!;
}

describe('the emulator patch of moto', () => {
  it('When moto is not the pinned version, then install refuses, naming the found and expected versions', async () => {
    const result = await python(
      [
        'import dynamodb_at_scale',
        'dynamodb_at_scale.version = lambda name: "9.9.9"',
        'dynamodb_at_scale.install()',
      ].join('\n'),
    );

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('MotoVersionError');
    expect(result.stderr).toContain(`moto ${pinnedMoto()}`);
    expect(result.stderr).toContain('moto 9.9.9');
  });

  it('When a replaced moto attribute runs without the request lock, or under another thread’s hold, then it refuses', async () => {
    const result = await python(`
import json, threading
import dynamodb_at_scale
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import StreamShard, Table
from moto.dynamodb.responses import DynamoResult
from moto.dynamodbstreams.models import DynamoDBStreamsBackend

lock = dynamodb_at_scale.install()
replaced = [
    (Table, "query"), (Table, "put_item"), (Table, "delete_item"),
    (DynamoDBBackend, "update_item"), (DynamoDBBackend, "transact_write_items"),
    (DynamoResult, "__init__"), (DynamoResult, "execute_result"), (Item, "__init__"), (Item, "size"),
    (StreamShard, "add"), (StreamShard, "get"),
    (DynamoDBStreamsBackend, "get_shard_iterator"), (DynamoDBStreamsBackend, "get_records"),
]

def outcome(call):
    try:
        call()
    except dynamodb_at_scale.LockNotHeldError:
        return "refused"
    except Exception:
        return "ran"
    return "ran"

found = {"same lock": dynamodb_at_scale.install() is lock, "without": [], "other thread": []}
for owner, name in replaced:
    found["without"].append(outcome(lambda: getattr(owner, name)(None)))
with lock:
    for owner, name in replaced:
        thread = threading.Thread(
            target=lambda: found["other thread"].append(outcome(lambda: getattr(owner, name)(None)))
        )
        thread.start()
        thread.join()
    item = Item(DynamoType({"S": "a"}), None, {"pk": {"S": "a"}})
    found["held"] = item.size()
print(json.dumps(found))
`);

    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      'same lock': true,
      without: Array(13).fill('refused'),
      'other thread': Array(13).fill('refused'),
      held: 3,
    });
  });
});
