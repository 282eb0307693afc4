import { validate } from "class-validator";
import { badUserInput, notFound } from "../common/errors";
import { expectGlobalId, toGlobalId } from "../common/global-id";
import type { Queryable } from "../common/sql";
import { flattenValidationErrors, invalidInput } from "../common/validation";
import type { Context } from "../context";
import { generateApiKey } from "./api-key";
import type { Role } from "./api-key.entity";
import { CreateApiKeyInput } from "./api-key.inputs";
import type { ApiKeyRow } from "./api-key.type";

/** What the key service needs: the GraphQL context has it, and the CLI builds it from its DataSource. */
export type KeyContext = Pick<Context, "dataSource">;

/** Every column but the hash, which never leaves the database. */
const COLUMNS = "id, name, role, prefix, created_at, last_used_at, revoked_at";

function toApiKey(row: Record<string, unknown>): ApiKeyRow {
  return {
    id: toGlobalId("ApiKey", row.id as string),
    dbId: row.id as string,
    name: row.name as string,
    role: row.role as Role,
    prefix: row.prefix as string,
    createdAt: row.created_at as Date,
    lastUsedAt: (row.last_used_at as Date | null) ?? null,
    revokedAt: (row.revoked_at as Date | null) ?? null,
  };
}

/** class-validator over the input, as the GraphQL edge does, so the CLI gets the same rules: BAD_USER_INPUT listing every invalid field. */
export async function assertValidCreateInput(input: CreateApiKeyInput): Promise<void> {
  const fields = flattenValidationErrors(await validate(Object.assign(new CreateApiKeyInput(), input), { forbidUnknownValues: false }), "input");
  if (fields.length) throw invalidInput(fields);
}

/** A key's public prefix, alone or at the start of the whole key. */
export const PUBLIC_PREFIX = /^(ng_[0-9a-f]{8})(?:_|$)/;

/** Creates, lists and revokes API keys; used by the admin mutations and by `newsgraph keys`. */
export const ApiKeyService = {
  /**
   * A new key. The plaintext `key` is returned this once and never stored: the row holds its
   * SHA-256. `createdBy` is the admin key that asked (null from the CLI).
   */
  async create(ctx: KeyContext, input: CreateApiKeyInput, createdBy: string | null): Promise<{ apiKey: ApiKeyRow; key: string }> {
    await assertValidCreateInput(input);
    return ctx.dataSource.transaction(async (m) => {
      // The prefix is 32 random bits: a clash is rare but possible, so a clash draws again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const { key, prefix, hash } = generateApiKey();
        const rows = await m.query<Record<string, unknown>[]>(
          `INSERT INTO api_key (name, role, prefix, secret_hash, created_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (prefix) DO NOTHING RETURNING ${COLUMNS}`,
          [input.name.trim(), input.role, prefix, hash, createdBy],
        );
        if (rows[0]) return { apiKey: toApiKey(rows[0]), key };
      }
      throw new Error("could not draw an unused API key prefix");
    });
  },

  /** Keys, oldest first; revoked ones only when asked. */
  async list(ctx: KeyContext, options: { includeRevoked?: boolean } = {}): Promise<ApiKeyRow[]> {
    const rows = await ctx.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${COLUMNS} FROM api_key ${options.includeRevoked ? "" : "WHERE revoked_at IS NULL"} ORDER BY created_at, id`,
    );
    return rows.map(toApiKey);
  },

  /**
   * Revokes a key by database id: the next request presenting it is refused. Revoking a revoked
   * key returns it unchanged (its first `revokedAt` stays). NOT_FOUND when there is no such key.
   */
  async revoke(ctx: KeyContext, id: string): Promise<ApiKeyRow> {
    return ctx.dataSource.transaction(async (m) => {
      // Wrapped in a SELECT: TypeORM hands back [rows, count] for a bare UPDATE ... RETURNING.
      const rows = await m.query<Record<string, unknown>[]>(
        `WITH revoked AS (UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}) SELECT * FROM revoked`,
        [id],
      );
      if (!rows[0]) throw notFound(`No API key with id "${toGlobalId("ApiKey", id)}"`, { argument: "id" });
      return toApiKey(rows[0]);
    });
  },

  /**
   * The database id of a key named by its global id, its prefix (`ng_5f1c9a0e`) or the whole key;
   * BAD_USER_INPUT when `ref` is none of them, NOT_FOUND when no key has that prefix.
   */
  async idOf(db: Queryable, ref: string): Promise<string> {
    const prefix = PUBLIC_PREFIX.exec(ref)?.[1];
    if (!prefix) {
      try {
        return expectGlobalId(ref, ["ApiKey"], "id").id;
      } catch {
        throw badUserInput(`"${ref}" is neither an API key id nor a key prefix (ng_ and 8 hex digits)`, "id");
      }
    }
    const rows = await db.query<Array<{ id: string }>>(`SELECT id FROM api_key WHERE prefix = $1`, [prefix]);
    if (!rows[0]) throw notFound(`No API key with prefix "${prefix}"`, { argument: "id" });
    return rows[0].id;
  },
};
