// The flows through Prism on their own seeded stack, then the fault test on its own:
// node --conditions=source --import tsx tests/contract/src/prism-e2e.cli.ts
import { runStandalone } from './gate.js';
import { fault, flows } from './prism-e2e.js';

await runStandalone(flows);
const flowsExit = process.exitCode;
await runStandalone(fault);
process.exitCode = flowsExit || process.exitCode;
