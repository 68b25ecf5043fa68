import { describe, expect, it } from 'vitest';
import { cpuLine, cpuPerRequest, statTicks } from '../src/stack-cpu.js';

describe('CPU per request', () => {
  it('When /proc/<pid>/stat is read, then utime + stime come out, even with spaces in the command', () => {
    const stat = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194560 9 0 0 0 150 25 0 0 20 0 11 0 1000';
    expect(statTicks(stat)).toBe(175);
  });

  it('When a run used CPU in several processes, then each gets ms per request and the cores their load', () => {
    const before = new Map([
      ['aws emulator', 10],
      ['catalog', 5],
      ['feedback', 1],
      ['load generator', 2],
    ]);
    const after = new Map([
      ['aws emulator', 16],
      ['catalog', 9],
      ['feedback', 1.01],
      ['load generator', 3],
    ]);
    const cpu = cpuPerRequest(before, after, 1000, 10, 2);
    expect(cpu).toEqual({
      perRequestMs: { 'aws emulator': 6, catalog: 4, 'load generator': 1 },
      busy: 0.5505,
    });
    expect(cpuLine(cpu!)).toBe(
      'CPU ms per request: aws emulator 6, catalog 4, load generator 1 (cores 55% busy)',
    );
  });

  it('When nothing of the stack can be read, then there is no figure rather than a wrong one', () => {
    expect(cpuPerRequest(new Map(), new Map([['load generator', 1]]), 100, 10, 2)).toBeUndefined();
  });
});
