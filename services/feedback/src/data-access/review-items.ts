import type { ReviewRecord } from '../domain/model.js';

/** A stored review item as the domain sees it. */
export function toRecord(item: Record<string, unknown>): ReviewRecord {
  const status = item.status === 'accepted' || item.status === 'rejected' ? item.status : 'pending';
  return {
    id: String(item.id),
    productId: String(item.productId),
    userId: String(item.userId),
    status,
    rating: Number(item.rating),
    title: String(item.title),
    body: String(item.body),
    createdAt: String(item.createdAt),
    ...(typeof item.rejectionReason === 'string' ? { rejectionReason: item.rejectionReason } : {}),
    eventPublished: typeof item.eventPublishedAt === 'string',
  };
}
