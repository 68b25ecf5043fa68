import { describe, expect, it } from 'vitest';
import { tableChecksum } from '../src/checksum.js';
import { parseFlags } from '../src/flags.js';

describe('dr:drill flags', () => {
  it('When no flag is given, then the drill runs against the local emulator and stage', () => {
    expect(parseFlags([])).toMatchObject({ endpoint: 'http://127.0.0.1:4566', environment: 'local' });
  });

  it('When a profile and account are given, then the drill uses the real endpoints of that environment', () => {
    const flags = parseFlags([
      '--profile',
      'shopeasy-staging',
      '--environment=staging',
      '--region',
      'eu-west-1',
      '--account',
      '222222222222',
    ]);
    expect(flags).toEqual({
      environment: 'staging',
      region: 'eu-west-1',
      profile: 'shopeasy-staging',
      account: '222222222222',
    });
  });

  it('When flags for the emulator and for AWS are mixed, or AWS cannot name the bucket, then it refuses', () => {
    expect(() => parseFlags(['--endpoint', 'http://127.0.0.1:4566', '--profile', 'p'])).toThrow(
      /--endpoint is for the emulator/,
    );
    expect(() => parseFlags(['--profile', 'p', '--account', ''])).toThrow(/needs a value/);
    expect(() => parseFlags(['--force'])).toThrow(/Unknown option/);
  });
});

describe('table checksum', () => {
  const a = { pk: { S: 'A' }, tags: { SS: ['x', 'y'] }, n: { N: '1' } };
  const b = { pk: { S: 'B' }, n: { N: '2' } };

  it('When the same items come back in another order, with set members and keys reordered, then the checksum is equal', () => {
    const reordered = { n: { N: '1' }, tags: { SS: ['y', 'x'] }, pk: { S: 'A' } };
    expect(tableChecksum([b, reordered])).toBe(tableChecksum([a, b]));
  });

  it('When one attribute changes or one item is missing, then the checksum differs', () => {
    expect(tableChecksum([a, { ...b, n: { N: '3' } }])).not.toBe(tableChecksum([a, b]));
    expect(tableChecksum([a])).not.toBe(tableChecksum([a, b]));
  });
});
