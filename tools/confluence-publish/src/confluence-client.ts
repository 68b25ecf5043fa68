import type { PublishConfig } from './config.js';
import { AttachmentClient } from './confluence-attachments.js';
import { confluenceRequest, type HttpSettings } from './confluence-http.js';

export { ConfluenceError } from './confluence-http.js';

/** What the publisher needs to know about an existing page. */
export interface ExistingPage {
  readonly id: string;
  readonly title: string;
  readonly version: number;
  readonly versionMessage: string;
  /** Id of the direct parent; undefined at the top level of the space. */
  readonly parentId?: string;
  readonly labels: readonly string[];
}

export interface PageContent {
  readonly title: string;
  readonly parentId?: string;
  readonly storage: string;
  readonly message: string;
}

interface ContentJson {
  id: string;
  title: string;
  version?: { number?: number; message?: string };
  ancestors?: { id: string }[];
  metadata?: { labels?: { results?: { name: string }[] } };
}

/** The few calls of the Confluence Cloud REST API (v1 content API) that publishing needs. */
export class ConfluenceClient {
  private readonly http: HttpSettings;
  /** The attachments of pages (the diagrams), through the same settings. */
  readonly attachments: AttachmentClient;

  constructor(
    private readonly config: Pick<
      PublishConfig,
      'CONFLUENCE_BASE_URL' | 'CONFLUENCE_SPACE' | 'CONFLUENCE_USER' | 'CONFLUENCE_API_TOKEN'
    >,
    fetchImpl: typeof fetch = fetch,
  ) {
    this.http = {
      baseUrl: config.CONFLUENCE_BASE_URL,
      user: config.CONFLUENCE_USER,
      token: config.CONFLUENCE_API_TOKEN,
      fetchImpl,
    };
    this.attachments = new AttachmentClient(this.http);
  }

  async findPage(title: string): Promise<ExistingPage | undefined> {
    const query = new URLSearchParams({
      spaceKey: this.config.CONFLUENCE_SPACE,
      title,
      type: 'page',
      status: 'current',
      expand: 'version,ancestors,metadata.labels',
    });
    const found = (await this.request('GET', `/rest/api/content?${query}`)) as { results?: ContentJson[] };
    const page = found.results?.find((result) => result.title === title);
    return page && toExistingPage(page);
  }

  async createPage(content: PageContent): Promise<ExistingPage> {
    const created = (await this.request('POST', '/rest/api/content', {
      type: 'page',
      title: content.title,
      space: { key: this.config.CONFLUENCE_SPACE },
      ...(content.parentId ? { ancestors: [{ id: content.parentId }] } : {}),
      body: { storage: { value: content.storage, representation: 'storage' } },
      version: { message: content.message },
    })) as ContentJson;
    return toExistingPage(created);
  }

  async updatePage(id: string, version: number, content: PageContent): Promise<void> {
    await this.request('PUT', `/rest/api/content/${encodeURIComponent(id)}`, {
      id,
      type: 'page',
      title: content.title,
      space: { key: this.config.CONFLUENCE_SPACE },
      ...(content.parentId ? { ancestors: [{ id: content.parentId }] } : {}),
      body: { storage: { value: content.storage, representation: 'storage' } },
      version: { number: version, message: content.message },
    });
  }

  async addLabels(id: string, labels: readonly string[]): Promise<void> {
    const body = labels.map((name) => ({ prefix: 'global', name }));
    await this.request('POST', `/rest/api/content/${encodeURIComponent(id)}/label`, body);
  }

  async removeLabel(id: string, label: string): Promise<void> {
    const query = new URLSearchParams({ name: label });
    await this.request('DELETE', `/rest/api/content/${encodeURIComponent(id)}/label?${query}`);
  }

  private request(method: string, path: string, body?: unknown) {
    return confluenceRequest(this.http, method, path, body);
  }
}

function toExistingPage(json: ContentJson): ExistingPage {
  const parent = json.ancestors?.at(-1);
  return {
    id: json.id,
    title: json.title,
    version: json.version?.number ?? 1,
    versionMessage: json.version?.message ?? '',
    ...(parent ? { parentId: parent.id } : {}),
    labels: (json.metadata?.labels?.results ?? []).map((label) => label.name),
  };
}
