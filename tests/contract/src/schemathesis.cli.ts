// Runs schemathesis alone against its own seeded stack: node --conditions=source --import tsx tests/contract/src/schemathesis.cli.ts
import { runStandalone } from './gate.js';
import { schemathesis } from './schemathesis.js';

await runStandalone(schemathesis);
