import type { RecordedRequest } from './fake-request.js';

export interface FakeAttachment {
  readonly id: string;
  readonly pageId: string;
  readonly filename: string;
  mediaType: string;
  comment: string;
  data: Buffer;
  version: number;
}

type Send = (status: number, body?: unknown) => void;

const ROUTE = /^\/wiki\/rest\/api\/content\/(\d+)\/child\/attachment(?:\/([^/]+)\/data)?$/;

/**
 * The attachment endpoints of the fake: list by page and file name, add (refused when the page
 * already has that file name, as Confluence does) and new data for an existing attachment (version
 * + 1). Uploads must be multipart with `X-Atlassian-Token: no-check`, or they get Confluence's 403.
 */
export function attachmentRoutes(pages: ReadonlyMap<string, unknown>) {
  const attachments = new Map<string, FakeAttachment>();
  let nextId = 1;
  const view = (a: FakeAttachment) => ({
    id: a.id,
    type: 'attachment',
    status: 'current',
    title: a.filename,
    version: { number: a.version },
    metadata: { comment: a.comment, mediaType: a.mediaType },
    extensions: { mediaType: a.mediaType, fileSize: a.data.length, comment: a.comment },
  });

  /** Answers the request when it is one of these endpoints; false otherwise. */
  async function handle(req: RecordedRequest, send: Send): Promise<boolean> {
    const match = ROUTE.exec(req.path);
    if (!match) return false;
    const [, pageId = '', attachmentId] = match;
    if (!pages.has(pageId)) return (send(404, { message: `No content ${pageId}` }), true);
    const ofPage = [...attachments.values()].filter((a) => a.pageId === pageId);
    if (req.method === 'GET' && !attachmentId) {
      const name = req.query.get('filename');
      const found = ofPage.filter((a) => !name || a.filename === name);
      return (send(200, { results: found.map(view), size: found.length }), true);
    }
    if (req.method !== 'POST') return false;
    if (!['no-check', 'nocheck'].includes(req.headers['x-atlassian-token'] ?? ''))
      return (send(403, { message: 'XSRF check failed' }), true);
    const form = req.body instanceof FormData ? req.body : undefined;
    const file = form?.get('file');
    if (!(file instanceof File)) return (send(400, { message: 'a multipart file part is required' }), true);
    const upload = {
      mediaType: file.type,
      comment: String(form?.get('comment') ?? ''),
      data: Buffer.from(await file.arrayBuffer()),
    };
    if (!attachmentId) {
      if (ofPage.some((a) => a.filename === file.name)) {
        const message = `Cannot add a new attachment with same file name as an existing attachment: ${file.name}`;
        return (send(400, { message }), true);
      }
      const created: FakeAttachment = {
        id: `att${nextId++}`,
        pageId,
        filename: file.name,
        version: 1,
        ...upload,
      };
      attachments.set(created.id, created);
      return (send(200, { results: [view(created)], size: 1 }), true);
    }
    const existing = attachments.get(attachmentId);
    if (!existing || existing.pageId !== pageId)
      return (send(404, { message: `No attachment ${attachmentId}` }), true);
    Object.assign(existing, upload, { version: existing.version + 1 });
    return (send(200, view(existing)), true);
  }

  return { attachments, handle };
}
