import { generateApiKey } from "../../src/auth/api-key";
import type { TestApp } from "./app";

/** Creates an API key straight in the database (as `newsgraph keys create` does) and returns the headers that present it. */
export async function createKey(app: TestApp, role: "reader" | "editor" | "admin", name = `${role} key`): Promise<{ id: string; key: string; headers: Record<string, string> }> {
  const { key, prefix, hash } = generateApiKey();
  const rows = await app.sql<{ id: string }>(`INSERT INTO api_key (name, role, prefix, secret_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [name, role, prefix, hash]);
  return { id: rows[0]!.id, key, headers: { authorization: `Bearer ${key}` } };
}
