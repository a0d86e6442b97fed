import {
  checkGroupQuery,
  collectionPathSegments,
  type GroupQuery,
  type JsonValue,
  type Query,
  StoreError,
  type WhereClause,
} from '../document-store.js';

/** A query as SQL over the `documents` table with its positional parameters. */
export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

type ScalarKind = 'null' | 'boolean' | 'number' | 'string';

const RANGE_OPS = new Set(['<', '<=', '>', '>=']);
const MAX_IN_VALUES = 30;

/**
 * Firestore orders values of different types by type first: null, booleans, numbers,
 * strings, arrays, maps. (Arrays and maps then compare as JSON text here, which only
 * approximates Firestore's element-wise order; nothing orders by them.)
 */
function typeRank(pathParam: string): string {
  return `CASE json_type(data, ${pathParam}) WHEN 'null' THEN 0 WHEN 'true' THEN 1 WHEN 'false' THEN 1
 WHEN 'integer' THEN 2 WHEN 'real' THEN 2 WHEN 'text' THEN 3 WHEN 'array' THEN 4 ELSE 5 END`;
}

/** `a.b` -> `$."a"."b"`: the SQLite JSON path of a top-level or dotted field. */
export function jsonPath(field: string): string {
  const segments = field.split('.');
  if (segments.some((s) => s.length === 0 || s.includes('"'))) {
    throw new StoreError(`invalid field path: ${JSON.stringify(field)}`);
  }
  return `$${segments.map((s) => `."${s}"`).join('')}`;
}

function scalarKind(clause: WhereClause, value: JsonValue): ScalarKind {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      if (!Number.isFinite(value)) break;
      return 'number';
    case 'string':
      return 'string';
  }
  throw new StoreError(
    `query on ${clause.field}: only strings, finite numbers, booleans and null can be compared here`,
  );
}

/**
 * Accumulates SQL and its parameters in order. Every comparison is restricted to
 * the value's own JSON type (better-sqlite3 binds booleans as 1/0, and json_extract
 * returns true as 1), so `== true` never matches the number 1, as in Firestore.
 */
class SqlBuilder {
  readonly params: (string | number)[] = [];

  bind(value: string | number): string {
    this.params.push(value);
    return '?';
  }

  typeIs(path: string, kind: ScalarKind): string {
    const type = `json_type(data, ${this.bind(path)})`;
    switch (kind) {
      case 'null':
        return `${type} = 'null'`;
      case 'boolean':
        return `${type} IN ('true', 'false')`;
      case 'number':
        return `${type} IN ('integer', 'real')`;
      case 'string':
        return `${type} = 'text'`;
    }
  }

  compare(path: string, op: string, value: JsonValue, kind: ScalarKind): string {
    if (kind === 'null') return this.typeIs(path, kind);
    const bound = typeof value === 'boolean' ? (value ? 1 : 0) : (value as string | number);
    return `(${this.typeIs(path, kind)} AND json_extract(data, ${this.bind(path)}) ${op} ${this.bind(bound)})`;
  }

  condition(clause: WhereClause): string {
    const path = jsonPath(clause.field);
    const { op, value } = clause;
    if (op === 'in') {
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_IN_VALUES) {
        throw new StoreError(`query on ${clause.field}: 'in' takes an array of 1 to ${MAX_IN_VALUES} values`);
      }
      // Like the Firestore emulator, a null inside `in` matches nothing.
      const alternatives = value
        .filter((v) => v !== null)
        .map((v) => this.compare(path, '=', v, scalarKind(clause, v)));
      return alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`;
    }
    const kind = scalarKind(clause, value);
    if (op === '==') return this.compare(path, '=', value, kind);
    if (op === '!=') {
      // Firestore's `!=` matches documents that have the field, with any value but
      // null and the one given (of whatever type).
      const present = `json_type(data, ${this.bind(path)}) != 'null'`;
      return kind === 'null' ? present : `(${present} AND NOT ${this.compare(path, '=', value, kind)})`;
    }
    if (RANGE_OPS.has(op)) {
      if (kind === 'null') throw new StoreError(`query on ${clause.field}: null only supports == and !=`);
      return this.compare(path, op, value, kind);
    }
    throw new StoreError(`query on ${clause.field}: unknown operator ${String(op)}`);
  }
}

/**
 * The last segment of a document's collection (`households/h1/offerLog` -> `offerLog`), from
 * built-in functions only so that it can be indexed: `rtrim` strips the trailing characters
 * that are not `/`, leaving the parent path, which `replace` then removes.
 */
export const GROUP_ID_SQL = `replace(collection, rtrim(collection, replace(collection, '/', '')), '')`;
/**
 * A path whose order is Firestore's order of document names (segment by segment): `/` becomes
 * the lowest character, so that `a/x` sorts before `a-b/x` as the segment `a` before `a-b`.
 */
export const PATH_KEY_SQL = `replace(path, '/', char(1))`;
/** The index that group queries read: by collection name, then in path order. */
export const GROUP_INDEX_SQL = `CREATE INDEX IF NOT EXISTS documents_by_group ON documents (${GROUP_ID_SQL}, ${PATH_KEY_SQL})`;

/** Where a query looks: the direct children of one collection, or every collection of a name. */
type Scope =
  | { readonly kind: 'collection'; readonly collection: string }
  | { readonly kind: 'group'; readonly collectionId: string; readonly startAfter?: string };

/**
 * Compiles a query on the direct children of `query.collection`, ordered as Firestore
 * orders: the explicit orderBy fields, then the inequality fields not named there, then
 * the document id, each tie broken in the direction of the last ordering.
 */
export function compileQuery(query: Query): CompiledQuery {
  collectionPathSegments(query.collection);
  return compile({ kind: 'collection', collection: query.collection }, query);
}

/** Compiles a collection-group query: as `compileQuery`, with the full path as the last tie-break. */
export function compileGroupQuery(query: GroupQuery): CompiledQuery {
  checkGroupQuery(query);
  const { collectionId, startAfter } = query;
  return compile({ kind: 'group', collectionId, ...(startAfter !== undefined ? { startAfter } : {}) }, query);
}

function compile(scope: Scope, query: Omit<Query, 'collection'>): CompiledQuery {
  const sql = new SqlBuilder();
  const conditions =
    scope.kind === 'collection'
      ? [`collection = ${sql.bind(scope.collection)}`]
      : [`${GROUP_ID_SQL} = ${sql.bind(scope.collectionId)}`];
  if (scope.kind === 'group' && scope.startAfter !== undefined) {
    conditions.push(`${PATH_KEY_SQL} > replace(${sql.bind(scope.startAfter)}, '/', char(1))`);
  }
  for (const clause of query.where ?? []) conditions.push(sql.condition(clause));

  const orderings = (query.orderBy ?? []).map((o) => ({ field: o.field, desc: o.direction === 'desc' }));
  const lastDesc = orderings.at(-1)?.desc ?? false;
  const inequalityFields = [
    ...new Set((query.where ?? []).filter((w) => w.op === '!=' || RANGE_OPS.has(w.op)).map((w) => w.field)),
  ]
    .filter((field) => !orderings.some((o) => o.field === field))
    .sort();
  for (const field of inequalityFields) orderings.push({ field, desc: lastDesc });

  // Ordering by a field leaves out the documents that lack it, as in Firestore. (All WHERE
  // terms are built before the ORDER BY terms: parameters bind in the order they appear.)
  for (const { field } of orderings)
    conditions.push(`json_type(data, ${sql.bind(jsonPath(field))}) IS NOT NULL`);
  const orderTerms: string[] = [];
  for (const { field, desc } of orderings) {
    const path = jsonPath(field);
    const dir = desc ? 'DESC' : 'ASC';
    orderTerms.push(`${typeRank(sql.bind(path))} ${dir}`, `json_extract(data, ${sql.bind(path)}) ${dir}`);
  }
  const tieBreak = scope.kind === 'collection' ? 'id' : PATH_KEY_SQL;
  orderTerms.push(`${tieBreak} ${orderings.at(-1)?.desc ? 'DESC' : 'ASC'}`);

  let text = `SELECT path, id, data FROM documents WHERE ${conditions.join(' AND ')} ORDER BY ${orderTerms.join(', ')}`;
  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 0) {
      throw new StoreError(`query limit must be a non-negative integer, got ${query.limit}`);
    }
    text += ` LIMIT ${sql.bind(query.limit)}`;
  }
  return { sql: text, params: sql.params };
}
