// The breaking-change gate alone: node --conditions=source --import tsx tests/contract/src/oasdiff.cli.ts
// No gate stack is started for it: oasdiff compares documents, not a running system.
import { oasdiffReportDir, runOasdiffGate } from './oasdiff.js';

const result = await runOasdiffGate(oasdiffReportDir());
console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.tool}: ${result.summary}`);
process.exitCode = result.ok ? 0 : 1;
