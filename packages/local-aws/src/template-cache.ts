import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_STAGE } from '@shopeasy/resources';
import { repoRoot } from './repo-root.js';
import type { Template } from './template.js';

/** What the data stack's template is made from: its CDK code, the resource list, the synth settings. */
const SOURCE_DIRS = ['infra/lib', 'packages/resources/src'];
const SYNTH_MODULE = fileURLToPath(
  new URL(`./synth${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

/**
 * The local data stack's template, synthesized once per content of its inputs (the CDK code in
 * infra/lib, the resource list, the locked package versions, the synth settings) and then read
 * from the system temp folder: loading aws-cdk-lib and synthesizing cost about 1.5 s of CPU.
 */
export async function dataTemplate(stage: string = LOCAL_STAGE): Promise<Template> {
  const file = join(tmpdir(), 'shopeasy-data-templates', `${stage}-${inputsHash(stage)}.json`);
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Template;
    } catch {
      // cut short by a crash while written: synthesize it again
    }
  }
  const { synthDataTemplate } = await import('./synth.js');
  const template = synthDataTemplate(stage);
  mkdirSync(dirname(file), { recursive: true });
  // Written aside and renamed, so a parallel start never reads half a file.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(template));
  renameSync(partial, file);
  return template;
}

function inputsHash(stage: string): string {
  const root = repoRoot();
  const hash = createHash('sha256').update(`${stage}\0${process.env.CDK_CONTEXT_JSON ?? ''}\0`);
  const files = [
    ...SOURCE_DIRS.flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.ts'))
        .sort()
        .map((name) => join(root, dir, name)),
    ),
    join(root, 'package-lock.json'),
    SYNTH_MODULE,
  ];
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 24);
}
