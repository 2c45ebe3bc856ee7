import { WRITE_CHUNK } from './types';

/** Splits rows into the chunks one bulk statement writes. */
export function chunks<T>(items: T[], size = WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
