// Sends the contract's example requests to their own seeded stack: node --conditions=source --import tsx tests/contract/src/examples.cli.ts
import { examples } from './examples.js';
import { runStandalone } from './gate.js';

await runStandalone(examples);
