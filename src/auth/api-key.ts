import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Queryable } from "../common/sql";
import { Role } from "./api-key.entity";

/** Who is asking: the API key a request presented. */
export interface Viewer {
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
}

const RANK: Record<Role, number> = { [Role.READER]: 1, [Role.EDITOR]: 2, [Role.ADMIN]: 3 };

/** True when `viewer` holds `role` or a higher one (admin ⊇ editor ⊇ reader). */
export function hasRole(viewer: Viewer, role: Role | string): boolean {
  const need = RANK[role as Role];
  return need !== undefined && RANK[viewer.role] >= need;
}

/** Keys look like `ng_5f1c9a0e_<43 characters>`: a public prefix to find the row, then the secret. */
const KEY_FORMAT = /^(ng_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export function hashKey(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

/** A new key; `key` is shown to its owner once and never stored. */
export function generateApiKey(): { key: string; prefix: string; hash: Buffer } {
  const prefix = `ng_${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: hashKey(key) };
}

/** The token of an `Authorization: Bearer <key>` header; undefined when there is no header, null when it is malformed. */
export function bearerToken(header: string | string[] | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? "");
  return match ? match[1]! : null;
}

const DUMMY_HASH = hashKey("ng_00000000_" + "A".repeat(43));
/** last_used_at is written at most this often per key, so reads stay reads. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The key's viewer, or null when the key is malformed, unknown or revoked. The hash comparison is
 * constant-time and runs even when no row matched, so timing tells nothing about which part was
 * wrong. No cache: a revoked key stops working with the next request, on every instance.
 */
export async function authenticateKey(db: Queryable, key: string): Promise<Viewer | null> {
  const match = KEY_FORMAT.exec(key);
  const rows = match
    ? await db.query<Array<{ id: string; name: string; role: Role; secret_hash: Buffer; revoked: boolean; stale: boolean }>>(
        `SELECT id, name, role, secret_hash, revoked_at IS NOT NULL AS revoked,
                (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2)) AS stale
           FROM api_key WHERE prefix = $1`,
        [match[1], TOUCH_INTERVAL_MS / 1000],
      )
    : [];
  const row = rows[0];
  const equal = timingSafeEqual(hashKey(key), row ? Buffer.from(row.secret_hash) : DUMMY_HASH);
  if (!row || !equal || row.revoked) return null;
  if (row.stale) await db.query(`UPDATE api_key SET last_used_at = now() WHERE id = $1`, [row.id]);
  return { keyId: row.id, name: row.name, role: row.role };
}
