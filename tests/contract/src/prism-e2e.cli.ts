// Runs the flows through Prism alone: node --conditions=source --import tsx tests/contract/src/prism-e2e.cli.ts
// No gate stack is started for it: the flows' global setup starts their own.
import { runPrismE2e } from './prism-e2e.js';

const result = await runPrismE2e();
console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.tool}: ${result.summary}`);
process.exitCode = result.ok ? 0 : 1;
