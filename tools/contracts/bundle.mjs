#!/usr/bin/env node
// Writes contracts/dist/: the bundled OpenAPI document (YAML and JSON) and its API Gateway flavour.
//   node tools/contracts/bundle.mjs            regenerate
//   node tools/contracts/bundle.mjs --check    fail when contracts/dist is out of date
import path from 'node:path';
import { ROOT_DIR } from './src/domains.mjs';
import { staleBundles, writeBundles } from './lib.mjs';

const rel = (p) => path.relative(ROOT_DIR, p);

try {
  if (process.argv.includes('--check')) {
    const stale = await staleBundles();
    if (stale.length > 0) {
      console.error(
        `Out of date with contracts/: ${stale.map(rel).join(', ')}. Run 'npm run contracts:bundle'.`,
      );
      process.exitCode = 1;
    } else {
      console.log('contracts/dist is up to date.');
    }
  } else {
    for (const file of await writeBundles()) console.log(`wrote ${rel(file)}`);
  }
} catch (error) {
  console.error(`contracts:bundle failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
