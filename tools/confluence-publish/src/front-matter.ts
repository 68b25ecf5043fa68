import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Confluence labels: lower case, no spaces. */
const LABEL = /^[a-z0-9][a-z0-9_-]*$/;

export const frontMatterSchema = z
  .object({
    title: z.string().trim().min(1).max(255),
    /** Title of the parent page (another file in confluence-docs/); absent for a top-level page. */
    parent: z.string().trim().min(1).optional(),
    labels: z.array(z.string().regex(LABEL, 'lower-case letters, digits, - and _ only')).default([]),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export type FrontMatterResult =
  { ok: true; frontMatter: FrontMatter; body: string } | { ok: false; problems: string[] };

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits `---` front matter from a Markdown file and validates it. */
export function parseFrontMatter(source: string): FrontMatterResult {
  const match = FENCE.exec(source);
  if (!match) return { ok: false, problems: ['no front matter (the file must start with a --- block)'] };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (error) {
    return { ok: false, problems: [`front matter is not YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  const parsed = frontMatterSchema.safeParse(data ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `front matter ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      ),
    };
  }
  return { ok: true, frontMatter: parsed.data, body: source.slice(match[0].length) };
}
