// Casting and validating for the in-memory engine without building a mongoose Document. A Document
// costs ~70 µs to construct, validate and turn back into an object, and every turn writes several;
// the collections on the turn path have flat schemas (top-level strings, numbers, dates, booleans),
// whose paths are cast and validated here by the same SchemaTypes, with the same validators, setters
// and defaults. Anything else (sub-documents, arrays, nested paths) goes to the full mongoose cast.
import { isDate } from 'node:util/types';
import type { Model, SchemaType } from 'mongoose';
import type { Doc } from './memory-match';

const SIMPLE_TYPES = new Set(['String', 'Number', 'Date', 'Boolean']);

/**
 * The SchemaType methods a Document itself uses to default, cast and validate a path. They are in
 * mongoose's source (doValidate is documented public) but not in its type declarations; the collection
 * contract suite pins the behaviour, so an upgrade that changes them fails there.
 */
interface PathCaster {
  instance: string;
  validators: Array<{ validator: unknown; propsParameter?: boolean }>;
  requiredValidator?: unknown;
  getDefault(scope: null, init: boolean): unknown;
  applySetters(value: unknown, scope: null): unknown;
  doValidate(value: unknown, scope: object): Promise<void>;
}

/**
 * Runs a path's validators the way doValidate does (undefined skips all but `required`; a falsy,
 * non-undefined result fails), without its per-call copying. Undefined when one of them is not a
 * plain synchronous function of the value: then doValidate judges.
 */
function quickVerdict(type: PathCaster, value: unknown, scope: object): boolean | undefined {
  for (const v of type.validators) {
    if (value === undefined && v.validator !== type.requiredValidator) continue;
    if (typeof v.validator !== 'function' || v.propsParameter) return undefined;
    const ok: unknown = (v.validator as (this: object, value: unknown) => unknown).call(scope, value);
    if (ok instanceof Promise) return undefined;
    if (ok !== undefined && !ok) return false;
  }
  return true;
}

/** A path that failed casting or validation (the engine turns it into a ValidationError). */
export class FieldError extends Error {
  constructor(readonly paths: string[]) {
    super(`invalid: ${paths.join(', ')}`);
  }
}

export class FlatCaster {
  private readonly types = new Map<string, PathCaster>();
  /** Every path of the schema is top-level and simple: whole documents can be cast here. */
  private readonly flat: boolean;

  constructor(model: Model<unknown>) {
    let flat = true;
    model.schema.eachPath((name, type: SchemaType) => {
      if (name.includes('.') || !SIMPLE_TYPES.has(type.instance)) flat = false;
      else this.types.set(name, type as unknown as PathCaster);
    });
    this.flat = flat;
  }

  /**
   * Casts and validates just `fields` of `doc` in place, as MongoDB update validators judge only the
   * paths an update touches (the rest was valid when stored). False when a field needs the full cast.
   */
  async castFields(doc: Doc, fields: readonly string[]): Promise<boolean> {
    if (!fields.every((f) => this.types.has(f))) return false;
    for (const f of fields) doc[f] = await this.castValue(f, doc[f], doc);
    return true;
  }

  /** A whole new document, with defaults and without fields the schema does not name; null if the schema is not flat. */
  async castDocument(doc: Doc): Promise<Doc | null> {
    if (!this.flat) return null;
    const out: Record<string, unknown> = {};
    for (const [name, type] of this.types) {
      const given = doc[name];
      const value = await this.castValue(name, given === undefined ? type.getDefault(null, false) : given, out);
      if (value !== undefined) out[name] = value;
    }
    return out as Doc;
  }

  private async castValue(path: string, value: unknown, scope: Record<string, unknown>): Promise<unknown> {
    const type = this.types.get(path)!;
    let cast: unknown;
    let valid: boolean;
    try {
      // applySetters runs the schema's setters and casts (as a Document's $set does).
      cast = value === undefined || value === null ? value : type.applySetters(value, null);
      valid = quickVerdict(type, cast, scope) ?? (await type.doValidate(cast, scope).then(() => true));
    } catch {
      valid = false;
    }
    if (!valid) throw new FieldError([path]);
    // The stored document must not share a Date with the caller (mongoose's cast returns the same one).
    return isDate(cast) ? new Date(cast.getTime()) : cast;
  }
}
