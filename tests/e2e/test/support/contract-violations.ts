import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { VIOLATION } from './prism-proxy.js';

// Through Prism (E2E_THROUGH_PRISM=1), every flow file fails when one of the answers it got broke
// the contract, even if the flow itself passed: the files run one at a time, so the lines Prism
// logged while this file ran are this file's.
const { prismLog } = inject('stack');
if (prismLog) {
  let start = 0;
  beforeAll(() => {
    start = readFileSync(prismLog, 'utf8').length;
  });
  afterAll(() => {
    const lines = readFileSync(prismLog, 'utf8').slice(start).split('\n');
    expect(
      lines.filter((line) => VIOLATION.test(line)),
      'answers that broke the contract',
    ).toEqual([]);
  });
}
