import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { PK } from '@shopeasy/resources';
import type { OrderChange } from '../domain/ports.js';
import { ORDER_INDEXES, orderShard } from './keys.js';

// Changes that a customer would notice move updatedAt; bookkeeping (flags, effects) does not.
const VISIBLE = new Set(['status', 'items', 'total', 'payment', 'failure']);

/**
 * The UpdateItem expression of a conditional order change. Only a status move touches an index
 * key (gsi2, a delete and a put); bookkeeping changes touch no projected attribute, so no index.
 */
export function updateExpression(orderId: string, change: OrderChange, now = new Date().toISOString()) {
  const names: Record<string, string> = { '#pk': PK };
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  const set = (attribute: string, value: unknown) => {
    const n = sets.length;
    names[`#s${n}`] = attribute;
    values[`:s${n}`] = value;
    sets.push(`#s${n} = :s${n}`);
  };
  for (const [attribute, value] of Object.entries(change.set)) if (value !== undefined) set(attribute, value);
  if (change.set.status)
    set(ORDER_INDEXES.byStatus.pk, ORDER_INDEXES.byStatus.value(change.set.status, orderShard(orderId)));
  if (Object.keys(change.set).some((k) => VISIBLE.has(k))) set('updatedAt', now);
  if (change.effects) set('effects', change.effects);
  else if (change.effects === null) removes.push('#effects');

  const conditions = ['attribute_exists(#pk)'];
  const { status, leaseOwner, effectsId, noEffects } = change.expect;
  if (status) {
    names['#status'] = 'status';
    conditions.push(`#status IN (${status.map((s, i) => ((values[`:st${i}`] = s), `:st${i}`)).join(', ')})`);
  }
  if (leaseOwner !== undefined) {
    names['#leaseOwner'] = 'leaseOwner';
    values[':leaseOwner'] = leaseOwner;
    conditions.push('#leaseOwner = :leaseOwner');
  }
  if (effectsId !== undefined) {
    values[':effectsId'] = effectsId;
    conditions.push('#effects.id = :effectsId');
  }
  if (noEffects) conditions.push('attribute_not_exists(#effects)');
  if (removes.length > 0 || effectsId !== undefined || noEffects) names['#effects'] = 'effects';

  const expression = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    removes.length ? `REMOVE ${removes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    UpdateExpression: expression,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  } satisfies Partial<UpdateCommandInput>;
}
