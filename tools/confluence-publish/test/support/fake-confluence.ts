import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachmentRoutes, type FakeAttachment } from './fake-attachments.js';
import { readRequest, type RecordedRequest } from './fake-request.js';

export type { RecordedRequest } from './fake-request.js';

export interface FakePage {
  id: string;
  space: string;
  title: string;
  parentId?: string;
  storage: string;
  version: number;
  versionMessage: string;
  labels: string[];
}

export interface FakeConfluence {
  /** The wiki root to use as CONFLUENCE_BASE_URL. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly pages: Map<string, FakePage>;
  readonly attachments: Map<string, FakeAttachment>;
  byTitle(title: string): FakePage | undefined;
  /** The attachments of a page, by file name. */
  attachmentsOf(title: string): FakeAttachment[];
  /** Requests that changed something (everything but GET). */
  writes(): RecordedRequest[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

/**
 * A small stand-in for Confluence Cloud's v1 content API on 127.0.0.1:0: finds pages by space and
 * title, creates, updates (version must be current + 1), adds and removes labels, and records
 * every request. Basic authentication with the given user and token; `rateLimitFirst` answers
 * that many requests with 429 first.
 */
export async function startFakeConfluence(
  credentials: { user: string; token: string },
  options: { rateLimitFirst?: number } = {},
): Promise<FakeConfluence> {
  let rateLimited = options.rateLimitFirst ?? 0;
  const requests: RecordedRequest[] = [];
  const pages = new Map<string, FakePage>();
  const attachmentApi = attachmentRoutes(pages);
  let nextId = 1000;
  const expectedAuth = `Basic ${Buffer.from(`${credentials.user}:${credentials.token}`).toString('base64')}`;

  const ancestors = (page: FakePage): { id: string }[] => {
    const chain: { id: string }[] = [];
    for (let id = page.parentId; id; id = pages.get(id)?.parentId) chain.unshift({ id });
    return chain;
  };
  const view = (page: FakePage) => ({
    id: page.id,
    type: 'page',
    title: page.title,
    space: { key: page.space },
    version: { number: page.version, message: page.versionMessage },
    ancestors: ancestors(page),
    body: { storage: { value: page.storage, representation: 'storage' } },
    metadata: { labels: { results: page.labels.map((name) => ({ prefix: 'global', name })) } },
  });

  const handle = async (req: RecordedRequest, res: ServerResponse) => {
    const send = (status: number, body?: unknown) => {
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(body === undefined ? '' : JSON.stringify(body));
    };
    if (await attachmentApi.handle(req, send)) return;
    const body = (req.body ?? {}) as Json;
    const pageMatch = /^\/wiki\/rest\/api\/content\/(\d+)(\/label)?$/.exec(req.path);
    const page = pageMatch ? pages.get(pageMatch[1] ?? '') : undefined;

    if (req.method === 'GET' && req.path === '/wiki/rest/api/content') {
      const found = [...pages.values()].filter(
        (p) => p.space === req.query.get('spaceKey') && p.title === req.query.get('title'),
      );
      return send(200, { results: found.map(view), size: found.length });
    }
    if (req.method === 'POST' && req.path === '/wiki/rest/api/content') {
      const space = (body.space as Json | undefined)?.key as string;
      const title = body.title as string;
      const storage = ((body.body as Json | undefined)?.storage as Json | undefined) ?? {};
      if (body.type !== 'page' || !space || !title || storage.representation !== 'storage') {
        return send(400, { message: 'type, title, space.key and body.storage are required' });
      }
      if ([...pages.values()].some((p) => p.space === space && p.title === title)) {
        return send(400, { message: 'A page with this title already exists' });
      }
      const parentId = (body.ancestors as { id: string }[] | undefined)?.at(-1)?.id;
      if (parentId && !pages.has(parentId)) return send(404, { message: `No parent ${parentId}` });
      const created: FakePage = {
        id: String(nextId++),
        space,
        title,
        ...(parentId ? { parentId } : {}),
        storage: storage.value as string,
        version: 1,
        versionMessage: ((body.version as Json | undefined)?.message as string) ?? '',
        labels: [],
      };
      pages.set(created.id, created);
      return send(200, view(created));
    }
    if (!page) return send(404, { message: 'No content found' });
    if (req.method === 'PUT' && !pageMatch?.[2]) {
      const version = body.version as { number: number; message?: string };
      if (version?.number !== page.version + 1) {
        return send(409, { message: `Version must be incremented: current ${page.version}` });
      }
      const parentId = (body.ancestors as { id: string }[] | undefined)?.at(-1)?.id;
      Object.assign(page, {
        title: body.title as string,
        storage: ((body.body as Json).storage as Json).value as string,
        version: version.number,
        versionMessage: version.message ?? '',
        ...(parentId ? { parentId } : {}),
      });
      return send(200, view(page));
    }
    if (req.method === 'POST' && pageMatch?.[2]) {
      for (const { name } of req.body as { name: string }[])
        if (!page.labels.includes(name)) page.labels.push(name);
      return send(200, { results: page.labels.map((name) => ({ name })) });
    }
    if (req.method === 'DELETE' && pageMatch?.[2]) {
      page.labels = page.labels.filter((label) => label !== req.query.get('name'));
      return send(204);
    }
    return send(405, { message: `${req.method} ${req.path} is not part of this fake` });
  };

  const receive = async (incoming: IncomingMessage, raw: Buffer, res: ServerResponse) => {
    let req: RecordedRequest;
    try {
      req = await readRequest(incoming, raw);
    } catch (error) {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: String(error) }));
      return;
    }
    requests.push(req);
    if (rateLimited > 0) {
      rateLimited -= 1;
      res
        .writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' })
        .end('{"message":"Rate limited"}');
      return;
    }
    if (incoming.headers.authorization !== expectedAuth) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
      return;
    }
    await handle(req, res);
  };
  const server = createServer((incoming: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => void receive(incoming, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/wiki`,
    requests,
    pages,
    attachments: attachmentApi.attachments,
    byTitle: (title) => [...pages.values()].find((p) => p.title === title),
    attachmentsOf: (title) => {
      const id = [...pages.values()].find((p) => p.title === title)?.id;
      return [...attachmentApi.attachments.values()]
        .filter((a) => a.pageId === id)
        .sort((a, b) => a.filename.localeCompare(b.filename));
    },
    writes: () => requests.filter((r) => r.method !== 'GET'),
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
