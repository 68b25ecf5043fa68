import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentClient } from './confluence-attachments.js';
import type { DocPage } from './docs.js';
import { collectLinks, resolveLink } from './links.js';

/** An SVG of confluence-docs/ that a page shows, read for upload as that page's attachment. */
export interface LocalAttachment {
  /** Relative to confluence-docs/, `/`-separated. */
  readonly path: string;
  readonly filename: string;
  readonly data: Buffer;
  readonly sha256: string;
}

export class AttachmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttachmentError';
  }
}

/**
 * Reads every SVG each page shows, before anything is published, so that a missing file stops
 * the run naming the page and the path. Keyed by page path; each page's files in order, once.
 */
export async function readAttachments(
  root: string,
  pages: readonly DocPage[],
): Promise<Map<string, LocalAttachment[]>> {
  const byPath = new Map(pages.map((page) => [page.path, page]));
  const result = new Map<string, LocalAttachment[]>();
  for (const page of pages) {
    const files: LocalAttachment[] = [];
    for (const image of collectLinks(page.body).filter((link) => link.kind === 'image')) {
      const resolved = resolveLink(page, image.href, byPath);
      if (resolved.kind !== 'file' || files.some((file) => file.path === resolved.path)) continue;
      let data: Buffer;
      try {
        data = await readFile(path.join(root, resolved.path));
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
        throw new AttachmentError(
          `${page.path}: image ${image.href}: cannot read confluence-docs/${resolved.path} (${reason})`,
        );
      }
      const sha256 = createHash('sha256').update(data).digest('hex');
      files.push({ path: resolved.path, filename: resolved.filename, data, sha256 });
    }
    if (files.length > 0) result.set(page.path, files);
  }
  return result;
}

/** The attachment's version comment; it carries the file's SHA-256, compared on the next run. */
export function attachmentComment(file: LocalAttachment): string {
  return `Published from confluence-docs/${file.path} [sha256:${file.sha256}]`;
}

export interface AttachmentSync {
  readonly client?: AttachmentClient;
  /** Absent for a page not created yet (a dry run): every file would be uploaded. */
  readonly pageId?: string;
  readonly title: string;
  readonly dryRun: boolean;
  readonly log: (line: string) => void;
}

/**
 * Uploads the page's SVGs whose SHA-256 differs from the one in their attachment's comment: a new
 * attachment, or new data of the existing one. Returns how many were (or would be) uploaded.
 */
export async function syncAttachments(
  files: readonly LocalAttachment[],
  sync: AttachmentSync,
): Promise<number> {
  const prefix = sync.dryRun ? '[dry run] ' : '';
  let uploaded = 0;
  for (const file of files) {
    const upload = {
      filename: file.filename,
      mediaType: 'image/svg+xml',
      data: file.data,
      comment: attachmentComment(file),
    };
    const size = `${file.data.length} bytes`;
    const existing =
      sync.client && sync.pageId ? await sync.client.find(sync.pageId, file.filename) : undefined;
    if (existing?.comment.includes(`sha256:${file.sha256}`)) {
      sync.log(`${prefix}unchanged attachment ${file.filename} of "${sync.title}"`);
      continue;
    }
    uploaded += 1;
    if (existing) {
      sync.log(
        `${prefix}update attachment ${file.filename} of "${sync.title}" (${file.path}, ${size}): ` +
          `version ${existing.version} -> ${existing.version + 1}`,
      );
      if (!sync.dryRun && sync.client && sync.pageId)
        await sync.client.updateData(sync.pageId, existing.id, upload);
    } else {
      sync.log(`${prefix}attach ${file.filename} to "${sync.title}" (${file.path}, ${size})`);
      if (!sync.dryRun && sync.client && sync.pageId) await sync.client.create(sync.pageId, upload);
    }
  }
  return uploaded;
}
