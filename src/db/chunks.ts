// Long lists of keys are asked for in parts: SQLite limits the parameters one statement binds
// (32,766 here), and an import or a flush can hold more keys than that.

/** Keys a statement binds at most; far under SQLite's limit, and it keeps statements short. */
const chunkSize = 500;

/** `items` in consecutive parts of at most 500. */
export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += chunkSize) out.push(items.slice(start, start + chunkSize));
  return out;
}
