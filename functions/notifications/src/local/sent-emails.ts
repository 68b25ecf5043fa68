import { setTimeout as sleep } from 'node:timers/promises';

/** An email the local emulator accepted through SES (v1 or v2 SendEmail, Simple content). */
export interface SentEmail {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  /** The HTML body when the email had one, else the text body: moto keeps only one of them. */
  body: string;
}

interface MotoSesMessage {
  id: string;
  source: string;
  subject: string;
  body: string;
  destinations?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
}

/**
 * Every email sent through the emulator (moto 5) so far, oldest first, optionally only those to
 * one address. moto keeps sent messages in memory and lists them with all its models at
 * `GET /moto-api/data.json` (service `ses`, model `Message`); there is no delivery.
 */
export async function listSentEmails(endpoint: string, filter: { to?: string } = {}): Promise<SentEmail[]> {
  const response = await fetch(new URL('/moto-api/data.json', endpoint));
  if (!response.ok) throw new Error(`${endpoint}/moto-api/data.json answered ${response.status}`);
  const data = (await response.json()) as { ses?: { Message?: MotoSesMessage[] } };
  const emails = (data.ses?.Message ?? []).map((m): SentEmail => ({
    messageId: m.id,
    from: m.source,
    to: m.destinations?.ToAddresses ?? [],
    cc: m.destinations?.CcAddresses ?? [],
    bcc: m.destinations?.BccAddresses ?? [],
    subject: m.subject,
    body: m.body,
  }));
  const to = filter.to?.toLowerCase();
  return to ? emails.filter((e) => e.to.some((address) => address.toLowerCase() === to)) : emails;
}

/**
 * Polls listSentEmails until at least `count` emails to `to` were sent (default 1), for tests
 * of asynchronous delivery; fails after `timeoutMs` naming what was found.
 */
export async function waitForSentEmails(
  endpoint: string,
  to: string,
  options: { count?: number; timeoutMs?: number } = {},
): Promise<SentEmail[]> {
  const count = options.count ?? 1;
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const emails = await listSentEmails(endpoint, { to });
    if (emails.length >= count) return emails;
    if (Date.now() > deadline) {
      const subjects = emails.map((e) => e.subject).join(' | ') || 'none';
      throw new Error(`Expected ${count} email(s) to ${to}, found ${emails.length}: ${subjects}`);
    }
    await sleep(200);
  }
}
