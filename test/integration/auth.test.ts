import { createHash } from "node:crypto";
import { authenticateKey } from "../../src/auth/api-key";
import { Role } from "../../src/auth/api-key.entity";
import { ApiKeyService } from "../../src/auth/api-key.service";
import { toGlobalId } from "../../src/common/global-id";
import { createTestApp, type TestApp } from "../helpers/app";

/**
 * API keys through the whole pipeline: the auth plugin, `@Authorized` on the key mutations, the
 * key service and the real `api_key` table. The first admin key is made through the service, as
 * `newsgraph keys create` does.
 */
let app: TestApp;
let admin: { id: string; dbId: string; key: string };

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function createKey(role: Role, name = `${role} key`): Promise<{ id: string; dbId: string; key: string }> {
  const { apiKey, key } = await ApiKeyService.create(app.running.database, { name, role }, null);
  return { id: apiKey.id, dbId: apiKey.dbId, key };
}

const CREATE = `mutation Create($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id name role prefix createdAt lastUsedAt revokedAt } }
}`;
const REVOKE = `mutation Revoke($id: ID!) { revokeApiKey(id: $id) { apiKey { id name revokedAt } } }`;

beforeAll(async () => {
  app = await createTestApp();
  admin = await createKey(Role.ADMIN, "bootstrap admin");
});
afterAll(async () => {
  await app?.close();
});

test("reads stay public: no key, data, and viewer is null", async () => {
  const r = await app.graphql(`{ viewer { name role } articles { totalCount } }`);
  expect(r.status).toBe(200);
  expect(r.errors).toBeUndefined();
  expect(r.data).toEqual({ viewer: null, articles: { totalCount: 1 } });
});

test("a mutation without a key is UNAUTHENTICATED with HTTP 401 and a WWW-Authenticate challenge, and writes nothing", async () => {
  const before = await app.sql(`SELECT count(*)::int AS n FROM api_key`);
  const r = await app.graphql(CREATE, { input: { name: "sneaky", role: "ADMIN" } });
  expect(r.status).toBe(401);
  expect(r.headers["www-authenticate"]).toBe('Bearer realm="newsgraph"');
  expect(r.data).toBeUndefined();
  expect(r.errors).toEqual([expect.objectContaining({ message: "This needs an API key: send Authorization: Bearer <key>", extensions: { code: "UNAUTHENTICATED" } })]);
  expect(await app.sql(`SELECT count(*)::int AS n FROM api_key`)).toEqual(before);
});

test("UNAUTHENTICATED raised by a resolver (an admin-only query without a key) is HTTP 401 too", async () => {
  const r = await app.graphql(`{ articles { totalCount } apiKeys { id } }`);
  expect(r.status).toBe(401);
  // apiKeys is non-null, so its error nulls the whole response.
  expect(r.data).toBeNull();
  expect(r.errors).toEqual([expect.objectContaining({ path: ["apiKeys"], extensions: { code: "UNAUTHENTICATED" } })]);
});

test.each([Role.READER, Role.EDITOR])("a %s key may not manage keys: FORBIDDEN, naming the role needed", async (role) => {
  const { key, id, dbId } = await createKey(role);
  const created = await app.graphql(CREATE, { input: { name: "escalation", role: "ADMIN" } }, bearer(key));
  expect(created.status).toBe(200);
  expect(created.data).toBeNull();
  expect(created.errors).toEqual([
    expect.objectContaining({
      message: `This needs the admin role; the key "${role} key" has ${role}`,
      extensions: { code: "FORBIDDEN", requiredRole: "admin", role },
    }),
  ]);
  const listed = await app.graphql(`{ apiKeys { id } }`, {}, bearer(key));
  expect(listed.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  const revoked = await app.graphql(REVOKE, { id }, bearer(key));
  expect(revoked.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  expect(await app.sql(`SELECT revoked_at FROM api_key WHERE id = $1`, [dbId])).toEqual([{ revoked_at: null }]);
  expect(await app.sql(`SELECT count(*)::int AS n FROM api_key WHERE name = 'escalation'`)).toEqual([{ n: 0 }]);
});

test("an admin creates a key: shown once, it works at once, viewer shows it, created_by is the admin, and only its hash is stored", async () => {
  const r = await app.graphql(CREATE, { input: { name: "  wire importer ", role: "EDITOR" } }, bearer(admin.key));
  expect(r.status).toBe(200);
  expect(r.errors).toBeUndefined();
  const { key, apiKey } = r.data.createApiKey;
  expect(key).toMatch(/^ng_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  expect(apiKey).toEqual({ id: expect.any(String), name: "wire importer", role: "EDITOR", prefix: key.slice(0, 11), createdAt: expect.any(String), lastUsedAt: null, revokedAt: null });

  const viewer = await app.graphql(`{ viewer { name role } }`, {}, bearer(key));
  expect(viewer).toMatchObject({ status: 200, data: { viewer: { name: "wire importer", role: "EDITOR" } } });

  const [row] = await app.sql(`SELECT * FROM api_key WHERE prefix = $1`, [apiKey.prefix]);
  expect(toGlobalId("ApiKey", row.id)).toBe(apiKey.id);
  expect(row.created_by).toBe(admin.dbId);
  expect(Buffer.from(row.secret_hash).toString("hex")).toBe(createHash("sha256").update(key).digest("hex"));
  // The secret part appears in no column, in any encoding the table could hold it.
  const secret = key.slice(12);
  const dump = JSON.stringify(await app.sql(`SELECT id, name, role, prefix, encode(secret_hash, 'hex') AS hex, encode(secret_hash, 'base64') AS b64, created_at, created_by, last_used_at, revoked_at FROM api_key`));
  expect(dump).not.toContain(secret);
  expect(dump).not.toContain(key);

  // The admin sees it; the listing never offers the hash.
  const listed = await app.graphql(`{ apiKeys { id name role prefix } }`, {}, bearer(admin.key));
  expect(listed.data.apiKeys).toContainEqual({ id: apiKey.id, name: "wire importer", role: "EDITOR", prefix: apiKey.prefix });
  const hashField = await app.graphql(`{ apiKeys { secretHash } }`, {}, bearer(admin.key));
  expect(hashField.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
});

test("revoking a key stops it on the very next request; revoking again returns it unchanged", async () => {
  const { id, key } = await createKey(Role.EDITOR, "short-lived");
  expect((await app.graphql(`{ viewer { name } }`, {}, bearer(key))).data).toEqual({ viewer: { name: "short-lived" } });

  const revoked = await app.graphql(REVOKE, { id }, bearer(admin.key));
  expect(revoked.errors).toBeUndefined();
  expect(revoked.data.revokeApiKey.apiKey).toEqual({ id, name: "short-lived", revokedAt: expect.any(String) });

  const after = await app.graphql(`{ articles { totalCount } }`, {}, bearer(key));
  expect(after.status).toBe(401);
  expect(after.data).toBeUndefined();
  expect(after.errors).toEqual([expect.objectContaining({ message: "The API key is not valid (unknown or revoked)", extensions: { code: "UNAUTHENTICATED" } })]);

  const again = await app.graphql(REVOKE, { id }, bearer(admin.key));
  expect(again.data.revokeApiKey.apiKey).toEqual(revoked.data.revokeApiKey.apiKey);

  const active = await app.graphql(`{ apiKeys { id } }`, {}, bearer(admin.key));
  expect(active.data.apiKeys.map((k: { id: string }) => k.id)).not.toContain(id);
  const all = await app.graphql(`{ apiKeys(includeRevoked: true) { id revokedAt } }`, {}, bearer(admin.key));
  expect(all.data.apiKeys).toContainEqual({ id, revokedAt: revoked.data.revokeApiKey.apiKey.revokedAt });
});

test("revoking an unknown key is NOT_FOUND; a malformed or foreign id is BAD_USER_INPUT", async () => {
  const unknown = await app.graphql(REVOKE, { id: toGlobalId("ApiKey", "00000000-0000-4000-8000-000000000000") }, bearer(admin.key));
  expect(unknown.errors).toEqual([expect.objectContaining({ path: ["revokeApiKey"], extensions: { code: "NOT_FOUND", argument: "id" } })]);
  const [topic] = await app.sql(`SELECT id FROM topic LIMIT 1`);
  for (const id of ["nope", toGlobalId("Topic", topic.id)]) {
    const r = await app.graphql(REVOKE, { id }, bearer(admin.key));
    expect(r.errors).toEqual([expect.objectContaining({ extensions: { code: "BAD_USER_INPUT", argument: "id" } })]);
  }
});

test("a key's id is no Node: node(id) refuses it, so a public read cannot reach a key", async () => {
  const r = await app.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: admin.id });
  expect(r.errors).toEqual([expect.objectContaining({ extensions: { code: "BAD_USER_INPUT", argument: "id" } })]);
});

test("createApiKey validates its input and reports every invalid field", async () => {
  for (const name of ["", "   ", "x".repeat(101)]) {
    const r = await app.graphql(CREATE, { input: { name, role: "READER" } }, bearer(admin.key));
    expect(r.data).toBeNull();
    expect(r.errors).toEqual([expect.objectContaining({ extensions: { code: "BAD_USER_INPUT", fields: expect.arrayContaining([expect.objectContaining({ field: "input.name" })]) } })]);
    expect(r.errors![0]!.extensions!.fields.every((f: { field: string }) => f.field === "input.name")).toBe(true);
  }
  await expect(ApiKeyService.create(app.running.database, { name: "  ", role: "owner" as Role }, null)).rejects.toMatchObject({
    extensions: { code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.name" }), expect.objectContaining({ field: "input.role" })] },
  });
});

test("a malformed Authorization header or an unknown key is UNAUTHENTICATED (401) even on a public read", async () => {
  const cases: Array<[string, string]> = [
    ["Basic dXNlcjpwYXNz", "The Authorization header must be: Bearer <key>"],
    ["Bearer", "The Authorization header must be: Bearer <key>"],
    ["Bearer a b", "The Authorization header must be: Bearer <key>"],
    ["Bearer not-a-key", "The API key is not valid (unknown or revoked)"],
    [`Bearer ng_00000000_${"A".repeat(43)}`, "The API key is not valid (unknown or revoked)"],
  ];
  for (const [authorization, message] of cases) {
    const r = await app.graphql(`{ articles { totalCount } }`, {}, { authorization });
    expect({ authorization, status: r.status, data: r.data, errors: r.errors }).toEqual({ authorization, status: 401, data: undefined, errors: [{ message, extensions: { code: "UNAUTHENTICATED" } }] });
  }
});

test("a request with a key sets its last_used_at", async () => {
  const { dbId, key } = await createKey(Role.READER, "fresh");
  expect(await app.sql(`SELECT last_used_at FROM api_key WHERE id = $1`, [dbId])).toEqual([{ last_used_at: null }]);
  const started = Date.now();
  await app.graphql(`{ viewer { name } }`, {}, bearer(key));
  const [{ last_used_at }] = await app.sql(`SELECT last_used_at FROM api_key WHERE id = $1`, [dbId]);
  expect(last_used_at).toBeInstanceOf(Date);
  expect(Math.abs(last_used_at.getTime() - started)).toBeLessThan(60_000);
});

test("authenticateKey refuses a key whose secret differs only in its last character, and one with another prefix", async () => {
  const { key } = await createKey(Role.EDITOR, "near miss");
  const db = app.running.database.dataSource;
  expect(await authenticateKey(db, key)).toMatchObject({ name: "near miss", role: "editor" });
  const last = key.at(-1)!;
  const nearMiss = key.slice(0, -1) + (last === "A" ? "B" : "A");
  expect(await authenticateKey(db, nearMiss)).toBeNull();
  const otherPrefix = key.slice(0, 10) + (key[10] === "0" ? "1" : "0") + key.slice(11);
  expect(await authenticateKey(db, otherPrefix)).toBeNull();
});

describe("with NEWSGRAPH_READS_REQUIRE_KEY=true", () => {
  let locked: TestApp;
  let readerKey: string;
  beforeAll(async () => {
    locked = await createTestApp({ NEWSGRAPH_READS_REQUIRE_KEY: "true" });
    readerKey = (await ApiKeyService.create(locked.running.database, { name: "reader", role: Role.READER }, null)).key;
  });
  afterAll(async () => {
    await locked?.close();
  });

  test("a query without a key is UNAUTHENTICATED (401); with a reader key it gets data", async () => {
    const without = await locked.graphql(`{ articles { totalCount } }`);
    expect(without.status).toBe(401);
    expect(without.errors).toEqual([expect.objectContaining({ extensions: { code: "UNAUTHENTICATED" } })]);
    expect(without.data).toBeUndefined();
    const withKey = await locked.graphql(`{ articles { totalCount } viewer { role } }`, {}, bearer(readerKey));
    expect(withKey.status).toBe(200);
    expect(withKey.data).toEqual({ articles: { totalCount: 1 }, viewer: { role: "READER" } });
  });

  test("introspection alone needs no key (the schema is public), but a query beside it does", async () => {
    const schema = await locked.graphql(`{ __schema { queryType { name } } }`);
    expect(schema).toMatchObject({ status: 200, data: { __schema: { queryType: { name: "Query" } } } });
    const mixed = await locked.graphql(`{ __typename articles { totalCount } }`);
    expect(mixed.status).toBe(401);
  });
});
