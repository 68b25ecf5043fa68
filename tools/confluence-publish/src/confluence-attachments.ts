import { ConfluenceError, confluenceRequest, type HttpSettings } from './confluence-http.js';

/** An attachment of a page, as the publisher compares it. */
export interface ExistingAttachment {
  readonly id: string;
  readonly filename: string;
  readonly version: number;
  /** The comment of its latest version, where the publisher keeps the file's SHA-256. */
  readonly comment: string;
}

export interface AttachmentUpload {
  readonly filename: string;
  readonly mediaType: string;
  readonly data: Uint8Array;
  readonly comment: string;
}

interface AttachmentJson {
  id: string;
  title: string;
  version?: { number?: number };
  extensions?: { comment?: string };
  metadata?: { comment?: string };
}

/** The attachment calls of the Confluence REST API (v1 content API) that publishing needs. */
export class AttachmentClient {
  constructor(private readonly http: HttpSettings) {}

  /** The page's attachment of that file name, if any. */
  async find(pageId: string, filename: string): Promise<ExistingAttachment | undefined> {
    const query = new URLSearchParams({ filename, expand: 'version' });
    const found = (await this.request('GET', `${attachmentsPath(pageId)}?${query}`)) as {
      results?: AttachmentJson[];
    };
    const attachment = found.results?.find((result) => result.title === filename);
    return attachment && toExistingAttachment(attachment);
  }

  async create(pageId: string, upload: AttachmentUpload): Promise<ExistingAttachment> {
    const created = (await this.upload(attachmentsPath(pageId), upload)) as { results?: AttachmentJson[] };
    const attachment = created.results?.[0];
    if (!attachment) throw new ConfluenceError(0, `no attachment in the answer for ${upload.filename}`);
    return toExistingAttachment(attachment);
  }

  /** A new version of an existing attachment (same id, so the page's references keep working). */
  async updateData(
    pageId: string,
    attachmentId: string,
    upload: AttachmentUpload,
  ): Promise<ExistingAttachment> {
    const path = `${attachmentsPath(pageId)}/${encodeURIComponent(attachmentId)}/data`;
    return toExistingAttachment((await this.upload(path, upload)) as AttachmentJson);
  }

  private upload(path: string, upload: AttachmentUpload): Promise<unknown> {
    const form = new FormData();
    form.append('file', new Blob([upload.data], { type: upload.mediaType }), upload.filename);
    form.append('comment', upload.comment);
    form.append('minorEdit', 'true');
    // Confluence refuses multipart posts without it (its XSRF check).
    return this.request('POST', path, form, { 'x-atlassian-token': 'no-check' });
  }

  private request(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    return confluenceRequest(this.http, method, path, body, headers);
  }
}

const attachmentsPath = (pageId: string) =>
  `/rest/api/content/${encodeURIComponent(pageId)}/child/attachment`;

function toExistingAttachment(json: AttachmentJson): ExistingAttachment {
  return {
    id: json.id,
    filename: json.title,
    version: json.version?.number ?? 1,
    // Cloud answers with extensions, Server and Data Center with metadata.
    comment: json.extensions?.comment ?? json.metadata?.comment ?? '',
  };
}
