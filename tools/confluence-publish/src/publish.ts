import { createHash } from 'node:crypto';
import { readAttachments, syncAttachments } from './attachments.js';
import type { ConfluenceClient, ExistingPage } from './confluence-client.js';
import { toStorageFormat } from './convert.js';
import type { DocPage } from './docs.js';

export interface PublishOptions {
  /** Absent: an offline dry run that only converts and lists the pages. */
  readonly client?: ConfluenceClient;
  readonly dryRun: boolean;
  /** The confluence-docs/ folder the pages were read from: the SVGs they show are read there. */
  readonly docsRoot: string;
  /** Page id that top-level pages go under; absent: the top level of the space. */
  readonly rootParentId?: string;
  readonly log?: (line: string) => void;
}

export interface PublishSummary {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly labelChanges: number;
  /** SVG attachments uploaded (new, or new data of an existing one); unchanged ones are not. */
  readonly uploaded: number;
}

/** The fingerprint kept in the version message: what the page was published from. */
export function fingerprint(page: DocPage, storage: string): string {
  const hash = createHash('sha256').update(JSON.stringify([page.title, page.parent ?? '', storage]));
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

function versionMessage(page: DocPage, print: string): string {
  return `Published from confluence-docs/${page.path} [${print}]`;
}

/**
 * Creates or updates each page by title, parents first. A page whose fingerprint and parent are
 * unchanged is left alone, so publishing twice changes nothing; an update is version + 1. The
 * SVGs a page shows are its attachments, uploaded once the page exists and only when changed.
 */
export async function publishDocs(
  pages: readonly DocPage[],
  options: PublishOptions,
): Promise<PublishSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const byPath = new Map(pages.map((page) => [page.path, page]));
  const ids = new Map<string, string>();
  const summary = { created: 0, updated: 0, unchanged: 0, labelChanges: 0, uploaded: 0 };
  const prefix = options.dryRun ? '[dry run] ' : '';
  // Read before the first request: a missing SVG stops the run with nothing half published.
  const attachments = await readAttachments(options.docsRoot, pages);

  for (const page of pages) {
    const storage = toStorageFormat(page, byPath);
    const print = fingerprint(page, storage);
    const where = page.parent ? `under "${page.parent}"` : 'at the top';
    const attach = async (pageId?: string) => {
      const files = attachments.get(page.path) ?? [];
      const client = options.client?.attachments;
      const sync = { title: page.title, dryRun: options.dryRun, log };
      summary.uploaded += await syncAttachments(files, {
        ...sync,
        ...(client ? { client } : {}),
        ...(pageId ? { pageId } : {}),
      });
    };
    if (!options.client) {
      log(`${prefix}would publish "${page.title}" (${page.path}, ${storage.length} characters) ${where}`);
      await attach();
      continue;
    }
    const parentId = page.parent ? ids.get(page.parent) : options.rootParentId;
    const content = {
      title: page.title,
      storage,
      message: versionMessage(page, print),
      ...(parentId ? { parentId } : {}),
    };
    const existing = await options.client.findPage(page.title);

    if (!existing) {
      summary.created += 1;
      log(`${prefix}create "${page.title}" (${page.path}) ${where}`);
      if (options.dryRun) {
        await attach();
        continue;
      }
      const created = await options.client.createPage(content);
      ids.set(page.title, created.id);
      if (page.labels.length > 0) await options.client.addLabels(created.id, page.labels);
      await attach(created.id);
      continue;
    }

    ids.set(page.title, existing.id);
    // Before the body: an updated page never shows an image whose attachment is not there yet.
    await attach(existing.id);
    // Without an expected parent, Confluence may have put the page under the space's home page.
    const moved = parentId !== undefined && existing.parentId !== parentId;
    if (existing.versionMessage.includes(print) && !moved) {
      summary.unchanged += 1;
      log(`${prefix}unchanged "${page.title}" (version ${existing.version})`);
    } else {
      summary.updated += 1;
      log(
        `${prefix}update "${page.title}" (${page.path}): version ${existing.version} -> ${existing.version + 1}`,
      );
      if (!options.dryRun) await options.client.updatePage(existing.id, existing.version + 1, content);
    }
    summary.labelChanges += await syncLabels(options, existing, page, log, prefix);
  }
  return summary;
}

async function syncLabels(
  options: PublishOptions,
  existing: ExistingPage,
  page: DocPage,
  log: (line: string) => void,
  prefix: string,
): Promise<number> {
  const missing = page.labels.filter((label) => !existing.labels.includes(label));
  const extra = existing.labels.filter((label) => !page.labels.includes(label));
  if (missing.length === 0 && extra.length === 0) return 0;
  const change = [...missing.map((l) => `+${l}`), ...extra.map((l) => `-${l}`)].join(' ');
  log(`${prefix}labels "${page.title}": ${change}`);
  if (!options.dryRun && options.client) {
    if (missing.length > 0) await options.client.addLabels(existing.id, missing);
    for (const label of extra) await options.client.removeLabel(existing.id, label);
  }
  return missing.length + extra.length;
}
