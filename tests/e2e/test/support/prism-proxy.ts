import { spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@shopeasy/local-aws/lifecycle';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
// The public bundle, as partners and the mock see it: its paths carry /v1, its server no base path.
const bundle = fileURLToPath(new URL('../../../../contracts/dist/shopeasy.openapi.yaml', import.meta.url));

// A response that breaks the contract: a broken schema or media type is logged as an error, an
// undeclared status as a warning. Request-side lines ("Violation: request …") are the flows' own
// deliberately bad requests (a forged token, an unknown route), which the gateway answers itself.
export const VIOLATION = /Violation: response/;

export interface PrismProxy {
  url: string;
  /** Where Prism logs, violations included. */
  logFile: string;
  /** Each contract violation Prism logged, one line each. */
  violations(): string[];
  stop(): Promise<void>;
}

/**
 * Starts `prism proxy` in front of `upstream`: every response is checked against the public
 * bundle and passes unchanged, so a flow sees the service's real answer and fails only on
 * behaviour, while each response that breaks the contract (body, media type, undeclared status)
 * is logged as a violation: a contract failure, counted apart. Prism's output goes to
 * E2E_PRISM_LOG, else to `<logDir>/prism.log`, appended to: every proxy of one run (the flows',
 * the fault test's) writes the same log.
 */
export async function startPrismProxy(upstream: string, logDir: string): Promise<PrismProxy> {
  const logFile = process.env.E2E_PRISM_LOG ?? join(logDir, 'prism.log');
  const port = await freePort();
  // A copy: Prism restarts (refusing connections) whenever its document changes, and
  // `npm run generate` rewrites the bundle.
  const copyDir = mkdtempSync(join(tmpdir(), 'shopeasy-prism-'));
  const document = join(copyDir, 'shopeasy.openapi.yaml');
  copyFileSync(bundle, document);
  // Requests are not checked: the flows send bad ones on purpose, and the service's answer to them
  // is what has to honour the contract.
  const args = ['--no-install', 'prism', 'proxy', document, upstream, '--validate-request=false'];
  // Violations are warnings or errors; an info line per request only costs CPU the flows need.
  args.push('--verboseLevel', 'warn', '-h', '127.0.0.1', '-p', `${port}`);
  const child = spawn('npx', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // npx starts Prism as a child: end the whole process group.
      process.kill(-child.pid!, 'SIGTERM');
      await once(child, 'exit');
    }
    log.end();
    rmSync(copyDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}; see ${logFile}`);
    try {
      await fetch(`${url}/v1/categories`);
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`Prism did not start within 60 s; see ${logFile}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  // Only this proxy's lines: the log may already hold another's.
  const start = readFileSync(logFile, 'utf8').length;
  return {
    url,
    logFile,
    violations: () =>
      readFileSync(logFile, 'utf8')
        .slice(start)
        .split('\n')
        .filter((line) => VIOLATION.test(line)),
    stop,
  };
}
