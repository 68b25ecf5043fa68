import type { PublishConfig } from './config.js';

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

export class ConfluenceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConfluenceError';
  }
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
  private readonly authorization: string;

  constructor(
    private readonly config: Pick<
      PublishConfig,
      'CONFLUENCE_BASE_URL' | 'CONFLUENCE_SPACE' | 'CONFLUENCE_USER' | 'CONFLUENCE_API_TOKEN'
    >,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.authorization = `Basic ${Buffer.from(`${config.CONFLUENCE_USER}:${config.CONFLUENCE_API_TOKEN}`).toString('base64')}`;
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

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const where = `${method} ${path.split('?')[0]}`;
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await this.fetchImpl(`${this.config.CONFLUENCE_BASE_URL}${path}`, {
          method,
          headers: {
            authorization: this.authorization,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        throw new ConfluenceError(0, `${where}: ${(error as Error).cause ?? (error as Error).message}`);
      }
      const text = await response.text();
      // Confluence Cloud rate-limits with 429 and Retry-After; wait as told, a few times.
      if (response.status === 429 && attempt < MAX_ATTEMPTS) {
        await sleep(retryAfterMs(response.headers.get('retry-after')));
        continue;
      }
      if (!response.ok)
        throw new ConfluenceError(response.status, `${where}: ${response.status} ${text.slice(0, 300)}`);
      return text ? (JSON.parse(text) as unknown) : undefined;
    }
  }
}

const MAX_ATTEMPTS = 4;

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : 1000;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
