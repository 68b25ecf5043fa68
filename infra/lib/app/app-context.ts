import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_IMAGE_TAG } from './config.js';

// infra/, found from here whether this runs from lib/ (sources) or dist/lib/ (built).
function infraDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'cdk.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cdk.json not found above infra/lib');
    dir = parent;
  }
  return dir;
}

/**
 * The context `npm run synth` gives, for a synthesis in-process (tests, the deploy check): the
 * feature flags from cdk.json, the committed cdk.context.json and an image tag (the check's
 * unless one is given). Lambda code is not bundled unless `bundle` is set: templates are the
 * same either way but for the assets' hashes, and esbuild is most of a synth's time.
 */
export function appContext({
  bundle = false,
  imageTag = CHECK_IMAGE_TAG,
}: { bundle?: boolean; imageTag?: string } = {}): Record<string, unknown> {
  const read = (file: string) =>
    JSON.parse(readFileSync(join(infraDir(), file), 'utf8')) as Record<string, unknown>;
  return {
    ...(read('cdk.json').context as Record<string, unknown>),
    ...read('cdk.context.json'),
    imageTag,
    ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
  };
}
