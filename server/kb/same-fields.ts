// Settings kept beside what was worked out from them (record priors, query plans) are compared with
// the live settings field by field, so that a setting changed in place is noticed as well as a
// replaced object, without building a key string on every search.

/** Same own enumerable fields with the same values (Object.is), one level deep; null only equals null. */
export function sameFields(a: object | null, b: object | null): boolean {
  if (a === null || b === null) return a === b;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in y) {
    if (!Object.is(x[k], y[k])) return false;
    n++;
  }
  for (const _ in x) n--;
  return n === 0;
}
