import { describe, expect, it } from 'vitest';
import { MalformedMessageError, parseSubmission } from '../src/worker/submission-message.js';

describe('parseSubmission', () => {
  const submission = {
    reviewId: 'rev_01J9Z6R1S2T3V4W5X6Y7Z8A9B0',
    productId: 'prd_01J9Z3QK8Y4V7N2M5T6R8W0XAB',
    userId: 'usr_01J9Z1A2B3C4D5E6F7G8H9JKMN',
    rating: 5,
    title: 'Great grip',
    body: 'Held firm on muddy trails.',
    createdAt: '2025-11-24T18:00:00.000Z',
  };

  it('When the body is a submission, then it is read as one', () => {
    expect(parseSubmission(JSON.stringify({ ...submission, requestId: 'req-1' }))).toEqual({
      ...submission,
      requestId: 'req-1',
    });
  });

  it.each([
    ['not JSON', 'rating: 5'],
    ['a rating out of range', JSON.stringify({ ...submission, rating: 9 })],
    ['no review id', JSON.stringify({ ...submission, reviewId: undefined })],
  ])('When the body is %s, then it is malformed', (_case, body) => {
    expect(() => parseSubmission(body)).toThrow(MalformedMessageError);
  });
});
