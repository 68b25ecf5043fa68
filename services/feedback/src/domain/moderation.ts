// Content moderation of a review: pure rules, checked in order; the first that fails names the reason.

export type Verdict = { accepted: true } | { accepted: false; reason: string };

export const LIMITS = { title: { min: 3, max: 120 }, body: { min: 10, max: 4000 } } as const;

export const REASONS = {
  tooShort: `The title needs at least ${LIMITS.title.min} and the body at least ${LIMITS.body.min} characters besides spaces.`,
  tooLong: `The title may have at most ${LIMITS.title.max} and the body at most ${LIMITS.body.max} characters.`,
  offensive: 'Reviews must not contain offensive language.',
  advertising: 'Reviews must not contain links, email addresses or other advertising.',
  shouting: 'Reviews must not be written in capital letters.',
  repetition: 'Reviews must not contain long runs of the same character.',
} as const;

// Matched at the start of a word, so inflections count ("shitty") and place names do not ("Scunthorpe").
const BANNED_WORDS = [
  'fuck',
  'motherfuck',
  'shit',
  'bitch',
  'bastard',
  'asshole',
  'cunt',
  'dickhead',
  'wanker',
  'slut',
  'whore',
  'retard',
];
const BANNED = new RegExp(`(?:^|[^\\p{L}])(?:${BANNED_WORDS.join('|')})`, 'u');

// Digits and symbols that stand in for letters, so "sh1t" and "@sshole" are caught too.
const LOOKALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

const ADVERTISING = [
  /\bhttps?:\/\//i,
  /\bwww\./i,
  /[^\s@]+@[^\s@]+\.[a-z]{2,}/i,
  /\b[a-z0-9-]+\.(?:com|net|org|shop|store|biz|info|io|co|xyz|online|site)\b/i,
];

/** Shouting: at least this many letters, nearly all of them capitals. */
const SHOUTING = { minLetters: 12, upperShare: 0.8 };

/** The same visible character ten or more times in a row. */
const RUN = /(\S)\1{9,}/u;

export function moderate(review: { title: string; body: string }): Verdict {
  const title = review.title.trim();
  const body = review.body.trim();
  if (title.length < LIMITS.title.min || body.length < LIMITS.body.min) return reject(REASONS.tooShort);
  if (title.length > LIMITS.title.max || body.length > LIMITS.body.max) return reject(REASONS.tooLong);
  const text = `${title}\n${body}`;
  if (isOffensive(text)) return reject(REASONS.offensive);
  if (ADVERTISING.some((rule) => rule.test(text))) return reject(REASONS.advertising);
  if (isShouting(text)) return reject(REASONS.shouting);
  if (RUN.test(text)) return reject(REASONS.repetition);
  return { accepted: true };
}

function reject(reason: string): Verdict {
  return { accepted: false, reason };
}

function isOffensive(text: string): boolean {
  const plain = [...text.toLowerCase()].map((c) => LOOKALIKES[c] ?? c).join('');
  return BANNED.test(plain);
}

function isShouting(text: string): boolean {
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = text.match(/\p{Ll}/gu)?.length ?? 0;
  const letters = upper + lower;
  return letters >= SHOUTING.minLetters && upper / letters >= SHOUTING.upperShare;
}
