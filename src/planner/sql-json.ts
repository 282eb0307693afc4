import type { Ordering, PageLimits } from "../common/pagination";

/** SQL expressions that format values exactly as the GraphQL resolvers serialise them. */

/** base64url (unpadded) of a text expression, as `Buffer.toString("base64url")` prints it. */
export function base64urlSql(textExpr: string): string {
  // encode(..., 'base64') breaks lines every 76 characters: the newlines go with the padding.
  return `translate(encode(convert_to(${textExpr}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/** A global id (base64url of "Type:uuid", unpadded) built by PostgreSQL. */
export function globalIdSql(type: string, idExpr: string): string {
  return base64urlSql(`'${type}:' || ${idExpr}::text`);
}

/** A DateTime as `Date.toISOString()` prints it (UTC, milliseconds, "Z"). */
export function isoSql(expr: string): string {
  return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A GraphQL enum whose values are the upper-cased database values (`think_tank` → THINK_TANK). */
export function enumSql(expr: string): string {
  return `upper(${expr})`;
}

/** A field of a table description: how one GraphQL field is read from alias `alias`. */
export type ColumnField = (alias: string) => string;

/**
 * The fields every tracked row has (createdAt, updatedAt, version, createdBy, updatedBy); the
 * API key names are sub-selects, so they cost only when selected.
 */
export function trackedSql(): Record<string, ColumnField> {
  return {
    createdAt: (a) => isoSql(`${a}.created_at`),
    updatedAt: (a) => isoSql(`${a}.updated_at`),
    version: (a) => `${a}.version`,
    createdBy: (a) => `(SELECT k.name FROM api_key k WHERE k.id = ${a}.created_by)`,
    updatedBy: (a) => `(SELECT k.name FROM api_key k WHERE k.id = ${a}.updated_by)`,
  };
}

/** `FROM ... WHERE ...` reading the rows of a relation under alias `child` for the parent row `parent`. */
export type RelationSource = (child: string, parent: string) => string;

/**
 * A field without arguments that leads to other rows:
 * - `list`: every row of `from`, in `orderBy` (an empty list when there is none); with `arguments`,
 *   `from` reads them (Expert.topics(first));
 * - `one`: the row of `from`, or null;
 * - `oneOf`: an interface (Speaker) whose concrete type is the first choice whose `when` holds.
 *   Where `executorWhen` holds the executor must answer (the planner answers the whole request
 *   through it): e.g. a case the resolvers answer with an error;
 * - `lists`: the rows of each part, part after part, each in its `orderBy` (Event.participants:
 *   the people, then the organizations);
 * - `connection`: a Relay connection (a field with page arguments, and `orderBy` where `ordering`
 *   reads it) over the target's `page` rows, `join` added to its FROM, where `where` holds.
 */
export type Relation =
  | {
      readonly kind: "list";
      readonly target: () => TableDescription;
      /**
       * `args`: the field's coerced arguments (defaults applied), when it declares `arguments`;
       * `limits` the server's page limits (to validate them as the resolver does); may call unplannable().
       */
      readonly from: (child: string, parent: string, args: Record<string, unknown>, limits: PageLimits) => string;
      readonly orderBy: (child: string) => string;
      /** Arguments the field takes (e.g. `first`); without, a field with arguments is not planned. */
      readonly arguments?: readonly string[];
    }
  | {
      readonly kind: "lists";
      readonly parts: readonly { readonly target: () => TableDescription; readonly from: RelationSource; readonly orderBy: (child: string) => string }[];
    }
  | {
      readonly kind: "connection";
      readonly target: () => TableDescription;
      /** The ordering the resolver pages in, from the field's coerced arguments (may throw its coded errors). */
      readonly ordering: (args: Record<string, unknown>) => Ordering;
      /** Arguments the field takes besides first, after, last, before. */
      readonly arguments?: readonly string[];
      readonly join?: string;
      readonly where: (parent: string) => string[];
    }
  | { readonly kind: "one"; readonly target: () => TableDescription; readonly from: RelationSource }
  | {
      readonly kind: "oneOf";
      readonly choices: readonly { readonly when: (parent: string) => string; readonly target: () => TableDescription; readonly from: RelationSource }[];
      readonly executorWhen?: (parent: string) => string;
    };

/** How to read one GraphQL object type from one table: its scalar fields and relations. */
export interface TableDescription {
  readonly typeName: string;
  readonly table: string;
  /** Interfaces the type implements, for fragments on them. */
  readonly interfaces: readonly string[];
  readonly fields: Readonly<Record<string, ColumnField>>;
  readonly relations?: Readonly<Record<string, Relation>>;
  /**
   * What a connection of these rows pages over: `from` names the rows `alias`, over which the
   * orderings and conditions of the concept's service are written (joined tables included).
   */
  readonly page?: { readonly from: string; readonly alias: string };
}

/**
 * A JSON value the planned statement puts where the executor must answer. `{"` never occurs inside
 * a JSON string (a quote there is escaped), and `!` cannot start a response key, so finding the
 * mark in the statement's text means exactly that one was emitted.
 */
export const EXECUTOR_MARK = `{"!executor"`;
export const EXECUTOR_MARK_SQL = `'{"!executor":true}'::json`;
