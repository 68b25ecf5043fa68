export class ConfluenceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConfluenceError';
  }
}

export interface HttpSettings {
  readonly baseUrl: string;
  readonly user: string;
  readonly token: string;
  readonly fetchImpl: typeof fetch;
}

const MAX_ATTEMPTS = 4;

/**
 * One request to the Confluence REST API with basic authentication: a JSON body, or a multipart
 * form for attachments; 429 is retried after Retry-After, any other failure is a ConfluenceError.
 */
export async function confluenceRequest(
  settings: HttpSettings,
  method: string,
  path: string,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<unknown> {
  const where = `${method} ${path.split('?')[0]}`;
  const authorization = `Basic ${Buffer.from(`${settings.user}:${settings.token}`).toString('base64')}`;
  // fetch sets a multipart form's content type itself, with its boundary.
  const payload =
    body === undefined
      ? {}
      : body instanceof FormData
        ? { body }
        : { body: JSON.stringify(body), json: true };
  for (let attempt = 1; ; attempt += 1) {
    let response: Response;
    try {
      response = await settings.fetchImpl(`${settings.baseUrl}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...('json' in payload ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...('body' in payload ? { body: payload.body } : {}),
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

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : 1000;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
