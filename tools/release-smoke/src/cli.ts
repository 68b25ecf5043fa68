import { parseArgs } from 'node:util';
import { SERVICES, type ServiceName } from './checks.js';
import { readContractFile } from './contract.js';
import { formatReport, runSmoke } from './run.js';

// npm run smoke -- --base-url <url> [--service <name>] [--health] [--contract <bundled contract>]
const USAGE = `usage: npm run smoke -- --base-url <url> [--service ${SERVICES.join('|')}] [--health]`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      service: { type: 'string' },
      health: { type: 'boolean', default: false },
      contract: { type: 'string' },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const baseUrl = values['base-url'];
const service = values.service as ServiceName | undefined;
if (!baseUrl || !URL.canParse(baseUrl) || (service && !SERVICES.includes(service))) {
  console.error(USAGE);
  process.exit(2);
}

const report = await runSmoke({
  baseUrl,
  ...(service ? { service } : {}),
  health: values.health,
  contract: readContractFile(values.contract),
});
console.log(formatReport(report));
process.exitCode = report.ok ? 0 : 1;
