#!/usr/bin/env node
// Fails when a component of contracts/shared.yaml is used by no domain document (Spectral's
// oas3-unused-component cannot see across documents). Part of `npm run lint:contracts`.
import { findUnusedSharedComponents, loadContracts } from './lib.mjs';

const unused = findUnusedSharedComponents(await loadContracts());
if (unused.length > 0) {
  for (const pointer of unused)
    console.error(`contracts/shared.yaml#${pointer}  warning  unused shared component`);
  console.error(`✖ ${unused.length} unused shared component(s)`);
  process.exitCode = 1;
} else {
  console.log('No unused shared components.');
}
