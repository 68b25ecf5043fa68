import { describe, expect, it } from 'vitest';
import { componentName, memoryLines, parseStatusMemory } from '../src/stack-memory.js';

describe('stack memory readout', () => {
  it('When /proc status is read, then resident and peak memory come out in MiB', () => {
    const status = 'Name:\tpython\nVmHWM:\t  512000 kB\nVmRSS:\t  256000 kB\nThreads:\t34\n';
    expect(parseStatusMemory(status)).toEqual({ rssMiB: 250, peakMiB: 500 });
    expect(parseStatusMemory('Name:\tzombie\n')).toBeUndefined();
  });

  it('When components are named, then each gets its short name', () => {
    expect(componentName('services/orders/src/main.ts')).toBe('orders');
    expect(componentName('functions/notifications/src/local/runner.ts')).toBe('notifications');
    expect(componentName('gateway/src/main.ts')).toBe('gateway');
  });

  it('When memory was read before and after, then each line shows both and the peak', () => {
    const before = [{ name: 'aws emulator', pid: 7, rssMiB: 180, peakMiB: 190 }];
    const after = [{ name: 'aws emulator', pid: 7, rssMiB: 210, peakMiB: 240 }];
    expect(memoryLines(before, after)).toEqual([
      'Memory (resident MiB, before → after the run, peak since start):',
      '  aws emulator   180 → 210  (peak 240)',
    ]);
  });
});
