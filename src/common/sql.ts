/** Collects positional parameters while a statement is assembled: `p.add(v)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Anything that can run a parameterised statement: a DataSource or a transaction's EntityManager. */
export interface Queryable {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
  /**
   * The same as `query`, as a named prepared statement where the request's database path offers one
   * (the planner's statements: each query shape is parsed and planned once per session).
   */
  queryPrepared?<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
  /**
   * The planner's one statement for a whole request: named when `named` (and prepared statements
   * are on), and held to the request's time budget while it runs, not only when it is sent.
   */
  queryPlanned?<T = unknown>(sql: string, parameters: unknown[], options: { named: boolean }): Promise<T>;
}

/** Joins non-empty conditions with AND; `TRUE` when there are none. */
export function and(conditions: Array<string | null | undefined | false>): string {
  const parts = conditions.filter((c): c is string => typeof c === "string" && c.length > 0);
  return parts.length ? parts.map((c) => `(${c})`).join(" AND ") : "TRUE";
}
