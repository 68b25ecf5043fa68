import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_STAGE } from '@shopeasy/resources';
import { repoRoot } from './repo-root.js';
import type { CloudTemplates, Template } from './template.js';

/** What the templates are made from: the CDK code, the resource list, the synth settings. */
const SOURCE_DIRS = ['infra/lib', 'packages/resources/src'];
/** And, for a whole environment, its settings and the API document the API stack imports. */
const ENVIRONMENT_FILES = [
  'infra/cdk.json',
  'infra/cdk.context.json',
  'contracts/dist/shopeasy.apigateway.json',
];
const SYNTH_MODULE = fileURLToPath(
  new URL(`./synth${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

/**
 * The local data stack's template, synthesized once per content of its inputs (the CDK code in
 * infra/lib, the resource list, the locked package versions, the synth settings) and then read
 * from the system temp folder: loading aws-cdk-lib and synthesizing cost about 1.5 s of CPU.
 */
export async function dataTemplate(stage: string = LOCAL_STAGE): Promise<Template> {
  return cached(`${stage}-${inputsHash(stage, [])}`, async () =>
    (await import('./synth.js')).synthDataTemplate(stage),
  );
}

/**
 * The templates of one cloud environment (`dev` by default) that say how each component runs,
 * cached the same way: a whole environment costs about 4 s of CPU to synthesize.
 */
export async function cloudTemplates(environment = 'dev'): Promise<CloudTemplates> {
  return cached(`cloud-${environment}-${inputsHash(environment, ENVIRONMENT_FILES)}`, async () =>
    (await import('./synth.js')).synthCloudTemplates(environment),
  );
}

async function cached<T>(name: string, produce: () => Promise<T>): Promise<T> {
  const file = join(tmpdir(), 'shopeasy-data-templates', `${name}.json`);
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      // cut short by a crash while written: synthesize it again
    }
  }
  const value = await produce();
  mkdirSync(dirname(file), { recursive: true });
  // Written aside and renamed, so a parallel start never reads half a file.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(value));
  renameSync(partial, file);
  return value;
}

function inputsHash(name: string, extraFiles: readonly string[]): string {
  const root = repoRoot();
  const hash = createHash('sha256').update(`${name}\0${process.env.CDK_CONTEXT_JSON ?? ''}\0`);
  const files = [
    ...SOURCE_DIRS.flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .sort()
        .map((file) => join(root, dir, file)),
    ),
    ...extraFiles.map((file) => join(root, file)),
    join(root, 'package-lock.json'),
    SYNTH_MODULE,
  ];
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 24);
}
