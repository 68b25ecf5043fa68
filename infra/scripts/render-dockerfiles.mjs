#!/usr/bin/env node
// Writes services/<name>/Dockerfile from docker/service.Dockerfile.template.
// `--check` fails instead of writing when a Dockerfile differs from its rendering.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const servicePorts = { users: 8081, catalog: 8082, cart: 8083, orders: 8084, feedback: 8085 };

export function renderDockerfile(service, port) {
  const template = readFileSync(join(root, 'docker', 'service.Dockerfile.template'), 'utf8');
  return template.replaceAll('__SERVICE__', service).replaceAll('__PORT__', String(port));
}

function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [service, port] of Object.entries(servicePorts)) {
    const file = join(root, 'services', service, 'Dockerfile');
    const wanted = renderDockerfile(service, port);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (current === wanted) continue;
    if (check) {
      console.error(
        `${file} differs from docker/service.Dockerfile.template; run infra/scripts/render-dockerfiles.mjs`,
      );
      stale += 1;
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, wanted);
      console.log(`wrote ${file}`);
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
