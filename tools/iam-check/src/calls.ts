import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedCall } from './evaluate.js';

const isCall = (value: unknown): value is RecordedCall => {
  const call = value as Partial<RecordedCall> | null;
  return (
    typeof call?.component === 'string' &&
    typeof call.service === 'string' &&
    typeof call.action === 'string' &&
    Array.isArray(call.resources) &&
    call.resources.every((r) => typeof r?.type === 'string' && typeof r.name === 'string')
  );
};

/** The recorded calls of each file given, or of each `*.jsonl` file in a folder given. */
export function readCalls(paths: readonly string[]): RecordedCall[] {
  const files = paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith('.jsonl'))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => {
        if (!line.trim()) return [];
        let call: unknown;
        try {
          call = JSON.parse(line);
        } catch {
          call = undefined;
        }
        if (!isCall(call)) throw new Error(`${file}:${index + 1}: not a recorded AWS call: ${line}`);
        return [call];
      }),
  );
}
