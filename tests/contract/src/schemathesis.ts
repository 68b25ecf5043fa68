import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@shopeasy/local-aws';
import { runProcess, type GateTool } from './gate.js';

/** schemathesis takes about two minutes here; past this it is stuck, not slow. */
const TIMEOUT_MS = 10 * 60_000;
import { registerCustomer } from './schemathesis-customer.js';

const BUNDLE = 'contracts/dist/shopeasy.openapi.json';
const CONFIG = 'tests/contract/schemathesis.toml';
const HOOKS = 'tests/contract/schemathesis_hooks.py';

/** The part of schemathesis' JSON run report the summary needs. */
interface RunReport {
  test_cases: { generated: number; with_failures: number };
  failures: { title: string; count: number; operations: string[] }[];
  errors: { title: string; count: number }[];
  phases: Record<string, { status: string }>;
}

/** How many OpenAPI links the bundle gives the stateful phase: in operations and shared responses. */
function countLinks(root: string): number {
  type Response = { links?: object };
  const bundle = JSON.parse(readFileSync(join(root, BUNDLE), 'utf8')) as {
    paths: Record<string, Record<string, { responses?: Record<string, Response> }>>;
    components?: { responses?: Record<string, Response> };
  };
  const responses = Object.values(bundle.paths).flatMap((item) =>
    Object.values(item).flatMap((operation) => Object.values(operation.responses ?? {})),
  );
  responses.push(...Object.values(bundle.components?.responses ?? {}));
  return responses.reduce((sum, response) => sum + Object.keys(response.links ?? {}).length, 0);
}

/** schemathesis over every public operation, stateful phase on, as a customer and as the admin. */
export const schemathesis: GateTool = async (target) => {
  const root = repoRoot();
  const dir = target.reportDir('schemathesis');
  const customer = await registerCustomer(target.gatewayUrl);
  const jsonReport = join(dir, 'report.json');
  const args = ['--config-file', CONFIG, 'run', BUNDLE, '--url', target.gatewayUrl];
  args.push('--report', 'junit,json', '--report-dir', dir, '--report-junit-path', join(dir, 'junit.xml'));
  args.push('--report-json-path', jsonReport);
  const { code } = await runProcess(join(root, '.venv/bin/schemathesis'), args, {
    cwd: root,
    timeoutMs: TIMEOUT_MS,
    env: {
      ...process.env,
      SCHEMATHESIS_HOOKS: join(root, HOOKS),
      SHOPEASY_GATEWAY_URL: target.gatewayUrl,
      SHOPEASY_CUSTOMER_EMAIL: customer.email,
      SHOPEASY_CUSTOMER_PASSWORD: customer.password,
      SHOPEASY_ADMIN_EMAIL: target.admin.email,
      SHOPEASY_ADMIN_PASSWORD: target.admin.password,
    },
  });
  const report = JSON.parse(readFileSync(jsonReport, 'utf8')) as RunReport;
  const failures = report.failures.reduce((sum, f) => sum + f.count, 0);
  const errors = report.errors.reduce((sum, e) => sum + e.count, 0);
  const stateful = report.phases.stateful?.status ?? 'not run';
  const cases = report.test_cases.generated.toLocaleString('en-US');
  const summary =
    `${cases} cases, ${failures} failures` +
    (errors > 0 ? `, ${errors} errors` : '') +
    ` (stateful: ${countLinks(root)} links, ${stateful})`;
  // The stateful phase must have run: a contract without usable links would skip it silently.
  const ok = code === 0 && failures === 0 && errors === 0 && stateful === 'success';
  return { tool: 'schemathesis', ok, summary };
};
