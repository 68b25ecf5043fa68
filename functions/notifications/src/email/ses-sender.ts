import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailContent } from '../domain/templates/email.js';

export interface EmailSender {
  /** Sends one email; resolves with SES's message id, rejects when SES did not accept it. */
  send(to: string, content: EmailContent, tags: Record<string, string>): Promise<string | undefined>;
}

/** SES v2 SendEmail with Simple content: subject, text and HTML bodies, from one sender. */
export function createSesSender(ses: SESv2Client, from: string): EmailSender {
  return {
    async send(to, content, tags) {
      const charset = 'UTF-8';
      const result = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [to] },
          Content: {
            Simple: {
              Subject: { Data: content.subject, Charset: charset },
              Body: {
                Text: { Data: content.text, Charset: charset },
                Html: { Data: content.html, Charset: charset },
              },
            },
          },
          // Tags let SES event destinations count emails per template.
          EmailTags: Object.entries(tags).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
      return result.MessageId;
    },
  };
}

/** Throttling and server-side errors pass on a retry; the rest need someone to look. */
export function isTransientSesError(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = e.$metadata?.httpStatusCode ?? 0;
  return (
    status === 429 ||
    status >= 500 ||
    e.$retryable !== undefined ||
    ['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException'].includes(e.name ?? '')
  );
}
