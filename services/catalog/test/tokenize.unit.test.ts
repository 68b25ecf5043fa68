import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_TERMS,
  MAX_TOKENS_PER_PRODUCT,
  productTokens,
  queryTerms,
  stem,
  words,
} from '../src/domain/tokenize.js';

describe('search tokens', () => {
  it('When text has accents, capitals and punctuation, then words are plain lower case', () => {
    expect(words('Crème-Brûlée TORCH, 2-in-1!')).toEqual(['creme', 'brulee', 'torch', '2', 'in', '1']);
  });

  it('When a word is a plural, then the final s goes, but not from short words or double s', () => {
    expect(['shoes', 'boots', 'dress', 'bus', 'glass'].map(stem)).toEqual([
      'shoe',
      'boot',
      'dress',
      'bus',
      'glass',
    ]);
  });

  it('When a product is indexed, then name words come first, each once, without stop words or single letters', () => {
    expect(productTokens('Trail Shoes', 'A trail shoe for the mountains, with a grippy sole.')).toEqual([
      'trail',
      'shoe',
      'mountain',
      'grippy',
      'sole',
    ]);
  });

  it('When a description is long, then the tokens stop at the limit, name words kept', () => {
    const description = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const tokens = productTokens('Kettle', description);
    expect(tokens).toHaveLength(MAX_TOKENS_PER_PRODUCT);
    expect(tokens[0]).toBe('kettle');
  });

  it('When a query has several words, then the last one is the prefix and the others must match whole', () => {
    expect(queryTerms('Trail  running SHO')).toEqual({ exact: ['trail', 'running'], prefix: 'sho' });
    expect(queryTerms('boots')).toEqual({ exact: [], prefix: 'boot' });
  });

  it('When a query has only stop words or single letters, then there is nothing to search', () => {
    expect(queryTerms('the a of !')).toEqual({ exact: [] });
  });

  it('When a query repeats words or has too many, then each word counts once, up to the limit', () => {
    expect(queryTerms('shoe shoes SHOE')).toEqual({ exact: [], prefix: 'shoe' });
    const terms = queryTerms(Array.from({ length: 12 }, (_, i) => `w${i}x`).join(' '));
    expect(terms.exact.length + 1).toBe(MAX_QUERY_TERMS);
  });
});
