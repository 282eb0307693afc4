import { GraphQLError } from "graphql";
import type { QueryRunner } from "typeorm";
import type { Viewer } from "../auth/api-key";
import { announceCommit } from "../cache/invalidation";
import type { Context } from "../context";
import { ErrorCode } from "./errors";
import { type NodeType, toGlobalId } from "./global-id";
import { invalidInput } from "./validation";

/**
 * One write transaction. Every statement of a mutation goes through it: never through `ctx.db` or
 * the loaders, which would wait for a second connection (PGlite has one) or read outside the
 * transaction.
 */
export interface Tx {
  /** Rows of a statement. */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  one<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Rows and the number of rows changed. An INSERT/UPDATE/DELETE that changes a row marks the transaction {@link changed}. */
  exec<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affected: number }>;
  /** True once any statement has inserted, updated or deleted a row. */
  readonly changed: boolean;
  /** Records a change a statement made that {@link exec} cannot see (a data-modifying WITH). */
  markChanged(): void;
  /** The key writing, or null for local writes. */
  readonly viewer: Viewer | null;
  /** Runs after a successful commit (announcements to subscribers). */
  afterCommit(fn: () => void): void;
}

const RETRYABLE = new Set(["40001", "40P01", "23505"]);
const MAX_ATTEMPTS = 4;

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  column?: string;
  message?: string;
}

function pgError(err: unknown): PgError | undefined {
  const e = err as { code?: unknown; driverError?: PgError } | undefined;
  if (e && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e as PgError;
  if (e?.driverError && typeof e.driverError.code === "string") return e.driverError;
  return undefined;
}

/** A client-facing error for a database refusal the services did not catch first; undefined for real failures. */
function clientErrorFor(err: unknown): GraphQLError | undefined {
  const pg = pgError(err);
  if (!pg?.code) return undefined;
  if (pg.code === "40P01" || pg.code === "40001") {
    // Still colliding after every retry: nothing was written, and the same write may succeed later.
    const reason = pg.code === "40P01" ? "DEADLOCK_DETECTED" : "SERIALIZATION_FAILURE";
    return new GraphQLError(`The write collided with concurrent writes ${MAX_ATTEMPTS} times and was rolled back; nothing was written, send it again`, {
      extensions: { code: ErrorCode.CONFLICT, reason, retryable: true },
    });
  }
  if (pg.code === "23505") {
    return new GraphQLError(`Conflicts with an existing row (${pg.constraint ?? "unique constraint"})`, { extensions: { code: ErrorCode.CONFLICT, constraint: pg.constraint } });
  }
  if (pg.code === "23503") {
    return new GraphQLError(`Still referenced, or refers to a row that does not exist (${pg.constraint ?? "foreign key"})`, { extensions: { code: ErrorCode.CONFLICT, constraint: pg.constraint } });
  }
  if (pg.code === "23514" || pg.code === "23502") {
    return invalidInput([{ field: pg.column ?? pg.constraint ?? "input", message: `violates ${pg.constraint ?? "a constraint"}`, constraint: pg.constraint }]);
  }
  if (pg.code.startsWith("22")) {
    return invalidInput([{ field: "input", message: pg.message ?? "invalid value" }]);
  }
  return undefined;
}

function makeTx(qr: QueryRunner, ctx: Context, viewer: Viewer | null, after: Array<() => void>): Tx {
  let changed = false;
  const exec = async <T>(sql: string, params: unknown[] = []) => {
    ctx.sql.statements++;
    const result = ctx.trace ? await ctx.trace.statement(sql, () => qr.query(sql, params, true)) : await qr.query(sql, params, true);
    const rows = (Array.isArray(result.records) ? result.records : []) as T[];
    const affected = typeof result.affected === "number" ? result.affected : rows.length;
    if (affected > 0 && /^\s*(INSERT|UPDATE|DELETE)\b/i.test(sql)) changed = true;
    return { rows, affected };
  };
  return {
    exec,
    async rows<T>(sql: string, params?: unknown[]) {
      return (await exec<T>(sql, params)).rows;
    },
    async one<T>(sql: string, params?: unknown[]) {
      return (await exec<T>(sql, params)).rows[0];
    },
    get changed() {
      return changed;
    },
    markChanged() {
      changed = true;
    },
    viewer,
    afterCommit(fn) {
      after.push(fn);
    },
  };
}

/**
 * Runs `work` in one transaction: all of it commits or none of it does. The writer's key id is set
 * as `newsgraph.actor` for the stamping trigger. Serialization failures, deadlocks and unique
 * violations from races (two writers creating the same slug at once) are retried from the start;
 * database refusals that remain become coded client errors. After the commit the request's loaders
 * are cleared, so the payload reads what was written, response caches are dropped, and
 * `afterCommit` callbacks run.
 */
export async function writeTransaction<T>(ctx: Context, work: (tx: Tx) => Promise<T>): Promise<T> {
  // Resolved before the transaction takes the connection (PGlite has exactly one).
  const viewer = ctx.credentials.kind === "local" ? ctx.credentials.viewer : await ctx.viewer();
  for (let attempt = 1; ; attempt++) {
    const after: Array<() => void> = [];
    const qr = ctx.dataSource.createQueryRunner();
    let result: T;
    try {
      await qr.connect();
      await qr.startTransaction();
      if (viewer) await qr.query(`SELECT set_config('newsgraph.actor', $1, true)`, [viewer.keyId]);
      result = await work(makeTx(qr, ctx, viewer, after));
      await qr.commitTransaction();
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      await qr.release().catch(() => undefined);
      if (err instanceof GraphQLError) throw err;
      const code = pgError(err)?.code;
      if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
        ctx.log.debug({ code, attempt }, "write transaction retried");
        ctx.trace?.operation?.addEvent("write transaction retried", { "db.response.status_code": code, attempt });
        continue;
      }
      throw clientErrorFor(err) ?? err;
    }
    await qr.release();
    ctx.loaders.clear();
    // Every write commits here: response caches (this instance's at once, the others' through the
    // pub/sub) drop what they hold before anyone hears of the write.
    announceCommit(ctx);
    for (const fn of after) {
      try {
        fn();
      } catch (err) {
        ctx.log.warn({ err }, "after-commit hook failed");
      }
    }
    return result;
  }
}

/**
 * Takes transaction-scoped advisory locks on names ("expert:patricia kim", "article-url:https://…"),
 * all at once and in a fixed order, so that two writers creating the same person or article wait
 * for each other instead of both inserting, and never deadlock on each other's names. A name locks
 * by its key (what `newsgraph_name_key` makes of it); an article url, canonical already, as it is.
 */
export async function lockNames(tx: Tx, names: ReadonlyArray<{ kind: string; name: string }>): Promise<void> {
  if (!names.length) return;
  await tx.rows(
    `SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
       FROM (SELECT DISTINCT n.kind || ':' || CASE WHEN n.kind = 'article-url' THEN n.name ELSE coalesce(newsgraph_name_key(n.name), '') END AS k
               FROM unnest($1::text[], $2::text[]) AS n(kind, name)
              ORDER BY 1) s
      `,
    [names.map((n) => n.kind), names.map((n) => n.name)],
  );
}

/** Column changes of a patch: `[column, value, SQL type]`, only for the fields a patch gives. */
export type ColumnChanges = Array<[column: string, value: unknown, type: string]>;

/**
 * Applies a patch's column changes to one row, and only when they change something (so an
 * unchanged patch does not add a version). Returns whether the row changed.
 */
export async function updateChanged(tx: Tx, table: string, id: string, changes: ColumnChanges): Promise<boolean> {
  if (!changes.length) return false;
  const columns = changes.map(([c]) => c).join(", ");
  const values = changes.map(([, , type], i) => `$${i + 2}::${type}`).join(", ");
  const result = await tx.exec(`UPDATE ${table} SET (${columns}) = ROW(${values}) WHERE id = $1 AND (${columns}) IS DISTINCT FROM (${values})`, [
    id,
    ...changes.map(([, value]) => value),
  ]);
  return result.affected > 0;
}

/**
 * CONFLICT (naming the field and the existing row) when another row of `table` than `self` has
 * `value` in the unique `column` (a slug, a url).
 */
export async function assertUnique(
  tx: Tx,
  spec: { table: "article" | "expert"; column: "slug" | "url"; type: NodeType; field: string },
  value: string,
  self: string | null,
): Promise<void> {
  const other = await tx.one<{ id: string }>(`SELECT id FROM ${spec.table} WHERE ${spec.column} = $1 AND id IS DISTINCT FROM $2::uuid`, [value, self]);
  if (other) {
    throw conflict(`Another ${spec.table} has ${spec.column} ${spec.column === "slug" ? `"${value}"` : value}`, { field: spec.field, existingId: toGlobalId(spec.type, other.id) });
  }
}

/** CONFLICT: the row changed since the client read it. */
export function staleVersion(type: string, expected: number, actual: number): GraphQLError {
  return new GraphQLError(`${type} was changed by someone else: expected version ${expected}, it is at ${actual}. Read it again and retry.`, {
    extensions: { code: ErrorCode.CONFLICT, expectedVersion: expected, actualVersion: actual },
  });
}

export function conflict(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, ...extra } });
}
