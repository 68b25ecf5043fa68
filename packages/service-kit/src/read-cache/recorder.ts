import type { Response } from 'express';

/** Tees what the app writes on `res` into memory; the returned function gives the body so far. */
export function recordBody(res: Response): () => Buffer {
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, encodingOf(encoding)));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const { write, end } = res;
  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Response['write'];
  res.end = function (this: Response, ...args: unknown[]) {
    // end(callback) carries no chunk.
    if (typeof args[0] !== 'function') collect(args[0], args[1]);
    return (end as (...a: unknown[]) => Response).apply(this, args);
  } as Response['end'];
  return () => Buffer.concat(chunks);
}

function encodingOf(encoding: unknown): BufferEncoding {
  return typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8';
}
