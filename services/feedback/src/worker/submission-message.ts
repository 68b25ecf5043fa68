import { z } from 'zod';
import type { ReviewSubmission } from '../domain/model.js';

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';

// What the API puts on the queue. Lengths are left to moderation, which rejects with a reason.
const submissionSchema = z.object({
  reviewId: z.string().regex(new RegExp(`^rev_${ULID}$`)),
  productId: z.string().regex(new RegExp(`^prd_${ULID}$`)),
  userId: z.string().regex(new RegExp(`^usr_${ULID}$`)),
  rating: z.number().int().min(1).max(5),
  title: z.string(),
  body: z.string(),
  createdAt: z.iso.datetime(),
  requestId: z.string().optional(),
});

/** A message body that is not a submission; retrying cannot help, so it ends in the DLQ. */
export class MalformedMessageError extends Error {
  constructor(detail: string) {
    super(`Not a review submission: ${detail}`);
    this.name = 'MalformedMessageError';
  }
}

export function parseSubmission(body: string | undefined): ReviewSubmission {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    throw new MalformedMessageError('the body is not JSON');
  }
  const parsed = submissionSchema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedMessageError(
      parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '),
    );
  }
  const { requestId, ...submission } = parsed.data;
  return requestId ? { ...submission, requestId } : submission;
}

/** The review id of a message body, if it has one; for grouping, not validation. */
export function reviewIdOf(body: string | undefined): string | undefined {
  try {
    const id: unknown = (JSON.parse(body ?? '') as { reviewId?: unknown } | null)?.reviewId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
