import { z } from 'zod';

const configSchema = z.object({
  /** The site's wiki root, e.g. https://shopeasy.atlassian.net/wiki (REST paths are appended). */
  CONFLUENCE_BASE_URL: z.url().transform((url) => url.replace(/\/+$/, '')),
  CONFLUENCE_SPACE: z.string().trim().min(1),
  CONFLUENCE_USER: z.string().trim().min(1),
  CONFLUENCE_API_TOKEN: z.string().min(1),
  /** Page id that top-level pages go under; unset: the top level of the space. */
  CONFLUENCE_PARENT_ID: z.string().regex(/^\d+$/).optional(),
});

export type PublishConfig = Readonly<z.infer<typeof configSchema>>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the publisher's settings from the environment; fails naming each bad variable. */
export function loadPublishConfig(env: NodeJS.ProcessEnv = process.env): PublishConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return Object.freeze(parsed.data);
}

/** Whether any Confluence variable is set (a dry run without them stays offline). */
export function hasPublishConfig(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CONFLUENCE_BASE_URL);
}
