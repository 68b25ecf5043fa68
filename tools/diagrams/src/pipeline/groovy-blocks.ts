// Just enough of Groovy's surface to read a declarative Jenkinsfile: comments, string literals and
// braces, so `stage('Deploy') { ... }` is one item with its body, whatever strings hold braces.

/** One top-level statement: its text before `{`, and the text between its braces when it has any. */
export interface Item {
  readonly head: string;
  readonly body?: string;
}

/** The top-level statements of a block's text, in order; comments dropped. */
export function items(text: string): Item[] {
  const out: Item[] = [];
  let head = '';
  let depth = 0;
  const flush = (body?: string) => {
    const trimmed = head.trim();
    if (trimmed || body !== undefined)
      out.push(body === undefined ? { head: trimmed } : { head: trimmed, body });
    head = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const skipped = skipComment(text, i);
    if (skipped > i) {
      // A line comment ends its statement like the newline it stands before.
      i = skipped;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = stringEnd(text, i);
      head += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    if (c === '{' && depth === 0) {
      const end = blockEnd(text, i);
      flush(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    // A newline ends a statement unless a bracket is open or the line asks for more (`a,` `b &&`).
    if ((c === '\n' || c === ';') && depth === 0 && !/[,(&|+=?:]\s*$/.test(head)) flush();
    else head += c;
    i++;
  }
  flush();
  return out;
}

/** The value of a string literal ('…', "…", '''…''', """…"""), or undefined for anything else. */
export function literal(text: string): string | undefined {
  const t = text.trim();
  for (const q of ["'''", '"""', "'", '"']) {
    if (t.length >= 2 * q.length && t.startsWith(q) && t.endsWith(q) && stringEnd(t, 0) === t.length)
      return t.slice(q.length, t.length - q.length).replace(/\\(['"\\])/g, '$1');
  }
  return undefined;
}

/** Every string literal in a text, in order (`stash name: 'images'` gives ['images']). */
export function literals(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === "'" || text[i] === '"') {
      const end = stringEnd(text, i);
      out.push(literal(text.slice(i, end)) ?? '');
      i = end;
    } else i++;
  }
  return out;
}

function skipComment(text: string, i: number): number {
  if (text.startsWith('//', i)) {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end;
  }
  if (text.startsWith('/*', i)) {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  return i;
}

/** Index just past the string literal that starts at `start`. */
function stringEnd(text: string, start: number): number {
  const q = text[start]!;
  const triple = text.startsWith(q.repeat(3), start);
  const close = triple ? q.repeat(3) : q;
  let i = start + close.length;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (q === '"' && text.startsWith('${', i)) i = blockEnd(text, i + 1) + 1;
    else if (text.startsWith(close, i)) return i + close.length;
    else i++;
  }
  return text.length;
}

/** Index of the `}` that closes the `{` at `open`, skipping strings and comments. */
function blockEnd(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const skipped = skipComment(text, i);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    const c = text[i]!;
    if (c === "'" || c === '"') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
    i++;
  }
  throw new Error(`unbalanced braces: the { at offset ${open} is never closed`);
}
