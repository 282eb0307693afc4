/** SQL expressions that format values exactly as the GraphQL resolvers serialise them. */

/** A global id (base64url of "Type:uuid", unpadded) built by PostgreSQL. */
export function globalIdSql(type: string, idExpr: string): string {
  // "Type:" plus a uuid is at most 50 bytes: base64 of it has no line breaks.
  return `translate(encode(convert_to('${type}:' || ${idExpr}::text, 'UTF8'), 'base64'), '+/=', '-_')`;
}

/** A DateTime as `Date.toISOString()` prints it (UTC, milliseconds, "Z"). */
export function isoSql(expr: string): string {
  return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A field of a table description: how one GraphQL field is read from alias `alias`. */
export type ColumnField = (alias: string) => string;

/** How to read one GraphQL object type from one table: scalar fields only. */
export interface TableDescription {
  readonly typeName: string;
  readonly table: string;
  readonly fields: Readonly<Record<string, ColumnField>>;
}
