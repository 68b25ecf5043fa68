// Dredd against its own seeded stack: node --conditions=source --import tsx tests/contract/src/dredd.cli.ts
import { dredd } from './dredd.js';
import { runStandalone } from './gate.js';

await runStandalone(dredd);
