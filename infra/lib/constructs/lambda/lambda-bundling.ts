import { fileURLToPath } from 'node:url';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Node runtime of every function: the newest release inside the repository's engines range. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_22_X;

/**
 * esbuild from node_modules, never Docker: ESM output, workspace packages resolved from source
 * (the `source` export condition), source maps for readable stack traces.
 */
export const LOCAL_ESM_BUNDLING: nodejs.BundlingOptions = {
  forceDockerBundling: false,
  format: nodejs.OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  esbuildArgs: { '--conditions': 'source' },
  // Some dependencies still call require(); ESM bundles need it defined.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
};

/** Where a workspace's Lambda handler lives, relative to the repository root. */
export function handlerEntry(relativePath: string): string {
  return fileURLToPath(new URL(relativePath, `file://${REPO_ROOT}`));
}
