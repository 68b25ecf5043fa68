export { callJson as call, type JsonReply as Reply } from '@shopeasy/service-kit/testing';

/** A problem+json body, as clients read it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** The fields a problem names, e.g. ['body.quantity']. */
export function fieldsOf(problem: unknown): string[] {
  return ((problem as Problem).errors ?? []).map((e) => e.field);
}
