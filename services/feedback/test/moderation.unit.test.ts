import { describe, expect, it } from 'vitest';
import { moderate, REASONS } from '../src/domain/moderation.js';

const fine = {
  title: 'Great grip on wet trails',
  body: 'Ran 40 km in these on muddy trails; they held firm and dried fast.',
};

describe('moderate', () => {
  it('When a review is ordinary, then it is accepted', () => {
    expect(moderate(fine)).toEqual({ accepted: true });
  });

  it.each([
    ['a title of spaces', { ...fine, title: '   ' }, REASONS.tooShort],
    ['a body that is short once trimmed', { ...fine, body: '   too short    ' }, REASONS.tooShort],
    ['an overlong body', { ...fine, body: 'word '.repeat(900) }, REASONS.tooLong],
    ['a swear word', { ...fine, body: 'These shoes are utter shit after a week.' }, REASONS.offensive],
    ['an inflected swear word', { ...fine, title: 'Shitty laces' }, REASONS.offensive],
    [
      'a swear word spelt with digits',
      { ...fine, body: 'The seller is a total b1tch, avoid.' },
      REASONS.offensive,
    ],
    [
      'a link',
      { ...fine, body: 'Cheaper ones at https://example.net/boots, trust me.' },
      REASONS.advertising,
    ],
    [
      'a www address',
      { ...fine, body: 'Better deals on www.bootsdeals.example any day.' },
      REASONS.advertising,
    ],
    [
      'a bare shop domain',
      { ...fine, body: 'Buy them at half price on bootsoutlet.shop instead.' },
      REASONS.advertising,
    ],
    [
      'an email address',
      { ...fine, body: 'Write to deals@bootsoutlet.example for a discount.' },
      REASONS.advertising,
    ],
    [
      'shouting',
      { title: 'WORST SHOES EVER', body: 'THEY FELL APART AFTER ONE RUN, DO NOT BUY' },
      REASONS.shouting,
    ],
    [
      'a run of one character',
      { ...fine, body: 'Best shoes ever!!!!!!!!!!!! Really comfortable.' },
      REASONS.repetition,
    ],
  ])('When a review has %s, then it is rejected with the reason', (_case, review, reason) => {
    expect(moderate(review)).toEqual({ accepted: false, reason });
  });

  it.each([
    ['a place name containing a banned word', 'Bought them on a trip to Scunthorpe, very comfy.'],
    ['a capitalised brand name among ordinary words', 'The ASICS GEL sole feels softer than my old pair.'],
    ['a capitalised title over an ordinary body', 'Comfortable and light, a good buy for the price.'],
    ['numbers and units', 'Size 42, 280 g each, 5 stars from me after 100 km.'],
  ])('When a review has %s, then it is accepted', (_case, body) => {
    expect(moderate({ title: 'LOVE THEM', body })).toEqual({ accepted: true });
  });
});
