// Filter matching and sorting for the in-memory engine. mingo is the reference for MongoDB's
// query semantics, but compiling a mingo Query costs ~20 µs (it copies its whole operator table
// each time), which was most of a primary-key read; the filters on every turn's path are plain
// equalities, `$in` lists and number/date ranges on top-level fields ({_id, eTag}, {_id: {$in}},
// {conversationId, seq: {$gt}}), so those are tested directly and everything else goes to mingo.
// isDate, not instanceof: structuredClone may hand back Dates of another realm (as under jest's vm).
import { isDate } from 'node:util/types';
import { Query } from 'mingo';
import { getPath } from './schema-rules';
import type { Filter, Sort } from './collection';

export type Doc = Record<string, unknown> & { _id: string };
export type Predicate = (doc: Doc) => boolean;

type Scalar = string | number | boolean;

function isPlainScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));
}

type Test = (have: unknown) => boolean | undefined;

const RANGE: Record<string, (a: number, b: number) => boolean> = {
  $gt: (a, b) => a > b,
  $gte: (a, b) => a >= b,
  $lt: (a, b) => a < b,
  $lte: (a, b) => a <= b,
};

/**
 * A direct test for one field's condition, or null when only mingo may judge it. A test returns
 * undefined for a stored value it cannot judge (arrays, sub-documents, other types) — MongoDB
 * matches arrays element-wise — and the document then goes to mingo.
 */
function fieldTest(want: unknown): Test | null {
  if (isPlainScalar(want)) return (have) => (have === want ? true : have !== null && typeof have === 'object' ? undefined : false);
  if (want === null || typeof want !== 'object' || isDate(want)) return null;
  const [op, ...more] = Object.keys(want);
  if (!op || more.length) return null;
  const arg = (want as Record<string, unknown>)[op];
  if (op === '$in' && Array.isArray(arg) && arg.every(isPlainScalar)) {
    const set = new Set<unknown>(arg);
    return (have) => (set.has(have) ? true : have !== null && typeof have === 'object' ? undefined : false);
  }
  const cmp = RANGE[op];
  if (cmp && typeof arg === 'number' && !Number.isNaN(arg)) return (have) => (typeof have === 'number' && !Number.isNaN(have) ? cmp(have, arg) : undefined);
  if (cmp && isDate(arg)) return (have) => (isDate(have) ? cmp(have.getTime(), arg.getTime()) : undefined);
  return null;
}

/** A predicate with MongoDB semantics for `filter`. */
export function compileFilter(filter: Filter): Predicate {
  let query: Query | undefined;
  const viaMingo: Predicate = (doc) => (query ??= new Query(filter)).test(doc);
  // Top-level fields only: operators ($or, ...) and dotted paths (resolved through arrays) go to mingo.
  const tests: Array<[string, Test]> = [];
  for (const [k, v] of Object.entries(filter)) {
    const test = k.startsWith('$') || k.includes('.') ? null : fieldTest(v);
    if (!test) return viaMingo;
    tests.push([k, test]);
  }
  return (doc) => {
    for (const [k, test] of tests) {
      const verdict = test(doc[k]);
      if (verdict === undefined) return viaMingo(doc);
      if (!verdict) return false;
    }
    return true;
  };
}

export function comparator(sort: Sort): (a: Doc, b: Doc) => number {
  const entries = Object.entries(sort);
  return (a, b) => {
    for (const [field, dir] of entries) {
      const c = compareValues(getPath(a, field), getPath(b, field));
      if (c !== 0) return c * dir;
    }
    return 0;
  };
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  const av = isDate(a) ? a.getTime() : a;
  const bv = isDate(b) ? b.getTime() : b;
  return (av as number | string) < (bv as number | string) ? -1 : (av as number | string) > (bv as number | string) ? 1 : 0;
}
