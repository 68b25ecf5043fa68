// Search tokens: lower-case words without accents, stop words or a plural "s". The same rules
// apply to product text when it is indexed and to the query, so "Bottes" finds "botte".

/** Tokens shorter than this are not indexed (and not searched). */
export const MIN_TOKEN_LENGTH = 2;
const MAX_TOKEN_LENGTH = 40;
/**
 * Distinct tokens indexed per product: name words first, then description words in order.
 * Bounded so a product with its tokens fits one DynamoDB transaction (100 items) on update.
 */
export const MAX_TOKENS_PER_PRODUCT = 40;
/** Words of a query beyond this are ignored (each word is one index query). */
export const MAX_QUERY_TERMS = 8;

const STOP_WORDS = new Set(
  'an and are as at be but by for from has have in into is it its of on or our so than that the their this to too was with you your'.split(
    ' ',
  ),
);

/** Lower-cased words of a text, accents removed, split on anything but letters and digits. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Light stemming: "shoes" → "shoe", but "dress" and "bus" stay. */
export function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function searchable(word: string): boolean {
  return word.length >= MIN_TOKEN_LENGTH && word.length <= MAX_TOKEN_LENGTH && !STOP_WORDS.has(word);
}

/** Distinct tokens of a product's name and description, name first, at most MAX_TOKENS_PER_PRODUCT. */
export function productTokens(name: string, description: string): string[] {
  const tokens = new Set<string>();
  for (const word of [...words(name), ...words(description)]) {
    if (!searchable(word)) continue;
    tokens.add(stem(word));
    if (tokens.size === MAX_TOKENS_PER_PRODUCT) break;
  }
  return [...tokens];
}

/** A parsed query: whole words that must match, and the last word, which may be unfinished. */
export interface QueryTerms {
  exact: string[];
  prefix?: string;
}

/**
 * Terms of a search query. Every word must match (AND); the last word also matches as the
 * beginning of a word, so "trail sho" finds "trail shoe" while the shopper is still typing.
 */
export function queryTerms(q: string): QueryTerms {
  const terms = [...new Set(words(q).filter(searchable).map(stem))].slice(0, MAX_QUERY_TERMS);
  const prefix = terms.pop();
  return prefix === undefined ? { exact: [] } : { exact: terms, prefix };
}
