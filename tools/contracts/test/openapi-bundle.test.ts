import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FILES, buildBundles, renderBundles, staleBundles, writeBundles } from '../lib.mjs';

describe('plain OpenAPI bundle', () => {
  it('When the contracts are bundled, then the result is a valid OpenAPI 3.0.3 document', async () => {
    const { openapi } = await buildBundles();
    expect(openapi.openapi).toBe('3.0.3');
    const validated = await SwaggerParser.validate(structuredClone(openapi) as never);
    expect(Object.keys(validated.paths ?? {})).toHaveLength(23);
  });

  it('When the bundle runs twice, then it writes byte-identical files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shopeasy-bundle-'));
    try {
      const written = await writeBundles({ distDir: dir });
      expect(written.map((f) => path.basename(f))).toEqual(
        Object.values(BUNDLE_FILES).map((f) => path.basename(f)),
      );
      expect(await staleBundles({ distDir: dir })).toEqual([]);
      const [first, second] = await Promise.all([
        renderBundles(undefined, dir),
        renderBundles(undefined, dir),
      ]);
      expect(second).toEqual(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('When contracts/dist is compared with a fresh bundle, then it is up to date', async () => {
    const stale = await staleBundles();
    expect(stale, "run 'npm run contracts:bundle' and commit contracts/dist").toEqual([]);
  });
});
