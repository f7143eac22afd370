// Applying an update document in the in-memory engine. mingo's updater is the reference, but each
// call builds a fresh operator context (~100 µs, most of a write); the writes on every turn are
// `$set` of plain values and `$inc` on top-level fields, so those are applied here with the same
// rules, and any other update goes to mingo unchanged.
// isDate, not instanceof: structuredClone may hand back Dates of another realm (as under jest's vm).
import { isDate } from 'node:util/types';
import { updateOne as mingoUpdate } from 'mingo/updater';
import type { Update } from './collection';
import type { Doc } from './memory-match';

const SIMPLE_OPS = new Set(['$set', '$inc']);

function topLevel(field: string): boolean {
  return !field.startsWith('$') && !field.includes('.') && field !== '';
}

/** Values whose equality and copy are trivial: mingo deep-clones and deep-compares anything else. */
function plainValue(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v)) || isDate(v);
}

function same(a: unknown, b: unknown): boolean {
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  return a === b;
}

function fastPathApplies(doc: Doc, modifier: Update): boolean {
  for (const [op, expr] of Object.entries(modifier)) {
    if (!SIMPLE_OPS.has(op) || expr === null || typeof expr !== 'object') return false;
    for (const [field, value] of Object.entries(expr as Record<string, unknown>)) {
      if (!topLevel(field)) return false;
      if (op === '$set' && !plainValue(value)) return false;
      // mingo rejects non-numeric increments and leaves non-numeric fields alone: let it.
      if (op === '$inc' && (typeof value !== 'number' || !(typeof doc[field] === 'number' || doc[field] === undefined))) return false;
      // Two operators on one field is a conflict mingo reports.
      if (op === '$inc' && (modifier.$set as Record<string, unknown> | undefined)?.[field] !== undefined) return false;
    }
  }
  return true;
}

/** What an update did: whether it changed anything, and which top-level fields when it was a plain one. */
export interface Applied {
  changed: boolean;
  /** Set when the fast path ran: exactly the fields whose values changed. */
  fields?: string[];
}

/** Applies `modifier` to `doc` in place (doc is the caller's private copy). */
export function applyModifier(doc: Doc, modifier: Update): Applied {
  if (Object.keys(modifier).length === 0) return { changed: false, fields: [] };
  if (!fastPathApplies(doc, modifier)) return { changed: mingoUpdate([doc], {}, modifier as never, { cloneMode: 'deep' }).modifiedCount > 0 };
  const fields: string[] = [];
  for (const [field, value] of Object.entries((modifier.$set ?? {}) as Record<string, unknown>)) {
    if (same(doc[field], value)) continue;
    doc[field] = isDate(value) ? new Date(value.getTime()) : value;
    fields.push(field);
  }
  for (const [field, amount] of Object.entries((modifier.$inc ?? {}) as Record<string, number>)) {
    const previous = doc[field] as number | undefined;
    const next = (previous || 0) + amount;
    doc[field] = next;
    if (next !== previous) fields.push(field);
  }
  return { changed: fields.length > 0, fields };
}
