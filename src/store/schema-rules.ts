// What the in-memory engine reads off a mongoose schema so it enforces the same rules as MongoDB:
// the unique indexes (with their partial filters) and the TTL index.
import { isDate } from 'node:util/types';
import type { Schema } from 'mongoose';

export interface IndexRule {
  name: string;
  fields: string[];
  unique: boolean;
  partialFilter?: Record<string, unknown>;
  expireAfterSeconds?: number;
}

export function indexRules(schema: Schema): IndexRule[] {
  const rules: IndexRule[] = [];
  for (const [spec, opts] of schema.indexes()) {
    const fields = Object.keys(spec);
    const o = opts as { unique?: boolean; partialFilterExpression?: Record<string, unknown>; expireAfterSeconds?: number; name?: string };
    rules.push({
      name: o.name ?? fields.map((f) => `${f}_${String((spec as Record<string, unknown>)[f])}`).join('_'),
      fields,
      unique: Boolean(o.unique),
      partialFilter: o.partialFilterExpression,
      expireAfterSeconds: o.expireAfterSeconds,
    });
  }
  return rules;
}

export function getPath(doc: Record<string, unknown>, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A stable string for a value in an index key (Dates by time, so equal instants collide like in MongoDB). */
export function keyPart(value: unknown): string {
  if (isDate(value)) return `d:${value.getTime()}`;
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return `${typeof value}:${value}`;
  return `o:${JSON.stringify(value)}`;
}
