// The in-memory engine's secondary indexes, read off the mongoose schema: unique keys (with their
// partial filters), so a duplicate is caught without a scan, and an equality look-up on the first
// field of each declared index, so `{conversationId}` reads do not visit every document.
import { compileFilter, type Doc, type Predicate } from './memory-match';
import { getPath, keyPart, type IndexRule } from './schema-rules';
import type { Filter } from './collection';

export class MemoryIndexes {
  private readonly unique = new Map<IndexRule, Map<string, string>>();
  /** Compiled partial filters of the unique indexes (checked on every write). */
  private readonly partial = new Map<IndexRule, Predicate>();
  private readonly byField = new Map<string, Map<string, Set<string>>>();

  constructor(rules: readonly IndexRule[]) {
    for (const r of rules) {
      if (r.unique) this.unique.set(r, new Map());
      if (r.partialFilter) this.partial.set(r, compileFilter(r.partialFilter));
      if (r.fields[0] && r.fields[0] !== '_id') this.byField.set(r.fields[0], new Map());
    }
  }

  /** The name of a unique index `doc` would violate, given which owners are still live. */
  conflict(doc: Doc, live: (id: string) => boolean): string | undefined {
    for (const [rule, owners] of this.unique) {
      const key = this.uniqueKey(rule, doc);
      const owner = key === undefined ? undefined : owners.get(key);
      if (owner !== undefined && owner !== doc._id && live(owner)) return rule.name;
    }
    return undefined;
  }

  /** Ids that may match an equality on an indexed field, or undefined when no index applies. */
  lookup(filter: Filter): Set<string> | undefined {
    for (const [field, index] of this.byField) {
      const v = filter[field];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return index.get(keyPart(v)) ?? new Set();
    }
    return undefined;
  }

  add(doc: Doc): void {
    for (const [rule, owners] of this.unique) {
      const key = this.uniqueKey(rule, doc);
      if (key !== undefined) owners.set(key, doc._id);
    }
    for (const [field, index] of this.byField) {
      const k = keyPart(getPath(doc, field));
      let ids = index.get(k);
      if (!ids) index.set(k, (ids = new Set()));
      ids.add(doc._id);
    }
  }

  remove(doc: Doc): void {
    for (const [rule, owners] of this.unique) {
      const key = this.uniqueKey(rule, doc);
      if (key !== undefined && owners.get(key) === doc._id) owners.delete(key);
    }
    for (const [field, index] of this.byField) {
      const k = keyPart(getPath(doc, field));
      const ids = index.get(k);
      ids?.delete(doc._id);
      if (ids?.size === 0) index.delete(k);
    }
  }

  private uniqueKey(rule: IndexRule, doc: Doc): string | undefined {
    const inFilter = this.partial.get(rule);
    if (inFilter && !inFilter(doc)) return undefined;
    return rule.fields.map((f) => keyPart(getPath(doc, f))).join('|');
  }
}
