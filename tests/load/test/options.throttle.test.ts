import { describe, expect, it } from 'vitest';
import { parseEnviron, throttleFromEnviron, throttleTooLow } from '../src/gateway-throttle.js';
import { parseOptions } from '../src/options.js';

describe('Options', () => {
  it('When nothing is given, then the defaults are 16 connections, 10 s, the local gateway and every scenario', () => {
    const options = parseOptions([], {}, '/repo');
    expect(options).toMatchObject({
      gatewayUrl: 'http://127.0.0.1:8080',
      connections: 16,
      durationSeconds: 10,
      buyers: 100,
      units: 30,
      scenarios: ['browse', 'detail', 'search', 'cart', 'checkout'],
      outDir: '/repo/tests/load/results',
    });
  });

  it('When a flag and its variable are both set, then the flag wins', () => {
    const options = parseOptions(
      ['--duration', '3', '--scenarios', 'browse,cart'],
      { LOAD_DURATION_SECONDS: '30', LOAD_CONNECTIONS: '4' },
      '/repo',
    );
    expect(options).toMatchObject({ durationSeconds: 3, connections: 4, scenarios: ['browse', 'cart'] });
  });

  it('When the target is not on this machine, or a number or scenario is wrong, then it refuses with the reason', () => {
    expect(() => parseOptions(['--gateway', 'http://shop.example.com'], {}, '/r')).toThrow(
      /127\.0\.0\.1 only/,
    );
    expect(() => parseOptions(['--connections', '0'], {}, '/r')).toThrow(
      /--connections must be a positive integer/,
    );
    expect(() => parseOptions(['--scenarios', 'browse,login'], {}, '/r')).toThrow(/Unknown scenario "login"/);
  });
});

describe('Gateway throttle', () => {
  it('When the gateway was started without the variables, then it runs with its defaults of 50/s, burst 100', () => {
    const setting = throttleFromEnviron(parseEnviron('PATH=/bin\0PORT=8080\0'), 42);
    expect(setting).toMatchObject({ ratePerSecond: 50, burst: 100 });
    expect(setting.source).toMatch(/defaults.*pid 42/);
    expect(throttleTooLow(setting, 1000)).toBe(true);
  });

  it('When the variables were set high, then they are read back and do not stand in the way', () => {
    const setting = throttleFromEnviron(
      parseEnviron('THROTTLE_RATE_PER_SECOND=100000\0THROTTLE_BURST=100000\0'),
      7,
    );
    expect(setting).toMatchObject({ ratePerSecond: 100000, burst: 100000 });
    expect(throttleTooLow(setting, 1000)).toBe(false);
  });

  it('When the setting could not be read, then it is not called too low', () => {
    expect(throttleTooLow({ source: 'unknown' }, 1000)).toBe(false);
  });
});
