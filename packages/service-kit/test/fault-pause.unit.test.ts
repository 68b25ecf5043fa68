import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { armFaultPause, faultPause, faultPauseShape } from '../src/fault-pause.js';

const load = (env: Record<string, string>) => loadConfig(0, faultPauseShape, env);

describe('FAULT_PAUSE_AFTER, the fault tests’ pause', () => {
  it('When it is set under the cloud’s rules, then the process refuses to start', () => {
    for (const rules of [
      { NODE_ENV: 'production', LOCAL_DEFAULTS: 'on' },
      { NODE_ENV: 'development', LOCAL_DEFAULTS: 'off' },
    ])
      expect(() => armFaultPause({ ...rules, FAULT_PAUSE_AFTER: 'cart-saved:100' }, () => {})).toThrow(
        ConfigError,
      );
  });

  it('When it is not <step>:<ms>, then the configuration names it', () => {
    expect(() => load({ FAULT_PAUSE_AFTER: 'cart-saved' })).toThrow(/FAULT_PAUSE_AFTER/);
  });

  it('When it names a step, then only that step waits and says so', async () => {
    const paused: string[] = [];
    armFaultPause(load({ FAULT_PAUSE_AFTER: 'email-claimed:50' }), (step) => paused.push(step));

    const other = Date.now();
    await faultPause('cart-saved');
    const otherTook = Date.now() - other;
    const named = Date.now();
    await faultPause('email-claimed');

    expect(Date.now() - named).toBeGreaterThanOrEqual(45);
    expect(otherTook).toBeLessThan(45);
    expect(paused).toEqual(['email-claimed']);
  });
});
