import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { CONTRACTS_DIR, DOMAINS, SHARED_FILE } from './domains.mjs';

async function readYaml(file) {
  return parse(await readFile(file, 'utf8'), { merge: false });
}

/**
 * Reads contracts/shared.yaml and every domain document.
 * @returns {Promise<{shared: object, domains: Array<{service: string, port: number, file: string, doc: object}>}>}
 */
export async function loadContracts(contractsDir = CONTRACTS_DIR) {
  const shared = await readYaml(path.join(contractsDir, SHARED_FILE));
  const domains = await Promise.all(
    DOMAINS.map(async (d) => ({ ...d, doc: await readYaml(path.join(contractsDir, d.file)) })),
  );
  return { shared, domains };
}
