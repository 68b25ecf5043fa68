import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CONTRACTS_DIR } from '../lib.mjs';

const ROOT_DIR = path.dirname(CONTRACTS_DIR);

const run = promisify(execFile);
const SPECTRAL = path.join(ROOT_DIR, 'node_modules', '.bin', 'spectral');
export const RULESET = path.join(ROOT_DIR, 'contracts', '.spectral.yaml');

export interface SpectralResult {
  code: string;
  severity: number;
  source?: string;
  path: string[];
}

/** Runs the Spectral CLI with the project ruleset and returns its findings. */
export async function spectralLint(files: string[]): Promise<SpectralResult[]> {
  const args = ['lint', '--format', 'json', '--quiet', '--ruleset', RULESET, ...files];
  const { stdout } = await run(SPECTRAL, args, { cwd: ROOT_DIR, maxBuffer: 32 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const trimmed = stdout.trim();
  return trimmed === '' ? [] : (JSON.parse(trimmed) as SpectralResult[]);
}
