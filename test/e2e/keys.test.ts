import { type ChildProcessWithoutNullStreams, execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type ServeProcess, serveBinary } from "../helpers/binary";

/**
 * `newsgraph keys` as a user runs it, on an embedded data directory: create and list keys, serve
 * with them, be told clearly (exit 2) when the server owns the directory, revoke, restart.
 *
 * Built into its own directory, dist/e2e-keys/, not over dist/src/: test/e2e/cli.test.ts builds
 * dist/ in another worker, and a binary loading while tsc rewrites its files could read half a file.
 */
const ROOT = path.resolve(__dirname, "../..");
const OUT = path.join(ROOT, "dist/e2e-keys");
const CLI = path.join(OUT, "src/cli.js");
const KEY = /^ng_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;
let tmp: string;
let dataDir: string;

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", OUT, "--tsBuildInfoFile", path.join(OUT, ".tsbuildinfo")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-keys-"));
  dataDir = path.join(tmp, "db");
}, 120_000);

/** Servers still running: a failed test leaves none behind. */
const servers = new Set<ChildProcessWithoutNullStreams>();

afterAll(() => {
  for (const proc of servers) proc.kill("SIGKILL");
  fs.rmSync(tmp, { recursive: true, force: true });
});

const env = (dir = dataDir) => ({ PATH: process.env.PATH ?? "", NEWSGRAPH_DATA_DIR: dir });

function cliIn(dir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: env(dir), encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cli = (...args: string[]) => cliIn(dataDir, ...args);

type Server = ServeProcess;

async function serve(): Promise<Server> {
  const server = await serveBinary(CLI, { ...env(), HOST: "127.0.0.1", PORT: "0", LOG_FORMAT: "json" });
  servers.add(server.proc);
  void server.exited.then(() => servers.delete(server.proc));
  return server;
}

async function stop(server: Server): Promise<void> {
  server.proc.kill("SIGTERM");
  expect(await server.exited).toBe(0);
}

async function gql(url: string, query: string, key?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

test("keys create, list, serve with the key; while serving the commands go through the server (and without its socket are refused); revoke, restart", async () => {
  const created = cli("keys", "create", "--role", "editor", "--name", "wire importer");
  expect(created).toMatchObject({ status: 0, stderr: "" });
  const lines = created.stdout.trimEnd().split("\n");
  expect(lines.length).toBeGreaterThan(1);
  const key = lines.at(-1)!;
  expect(key).toMatch(KEY);
  // Shown once: the explanation lines above it do not repeat it.
  expect(created.stdout.split(key)).toHaveLength(2);

  const table = cli("keys", "list");
  expect(table.status).toBe(0);
  expect(table.stdout).toMatch(/^ID\s+NAME\s+ROLE\s+PREFIX\s+CREATED\s+LAST USED\s+REVOKED\n/);
  expect(table.stdout).toContain("wire importer");
  expect(table.stdout).toContain(key.slice(0, 11));
  expect(table.stdout).not.toContain(key);
  const [listed] = JSON.parse(cli("keys", "list", "--json").stdout);
  expect(listed).toEqual({ id: expect.any(String), name: "wire importer", role: "editor", prefix: key.slice(0, 11), createdAt: expect.any(String), lastUsedAt: null, revokedAt: null });

  let server = await serve();
  try {
    expect(await gql(server.url, `{ viewer { name role } }`, key)).toEqual({ status: 200, body: { data: { viewer: { name: "wire importer", role: "EDITOR" } } } });

    // The server owns the data directory: the keys commands go through it, over its local socket.
    const socket = `${dataDir}.sock`;
    expect(fs.statSync(socket).mode & 0o777).toBe(0o600);
    const second = cli("keys", "create", "--role", "admin", "--name", "second");
    expect(second.status).toBe(0);
    expect(second.stderr).toContain(`the server (process ${server.proc.pid}) owns ${dataDir}; asking it to do this`);
    const secondKey = second.stdout.trim().split("\n").at(-1)!;
    expect(secondKey).toMatch(KEY);
    expect(second.stdout).toContain('Created the admin key "second"');
    expect(await gql(server.url, `{ viewer { name role } }`, secondKey)).toEqual({ status: 200, body: { data: { viewer: { name: "second", role: "ADMIN" } } } });
    const listedLive = JSON.parse(cli("keys", "list", "--json").stdout);
    expect(listedLive.map((k: { name: string }) => k.name)).toEqual(["wire importer", "second"]);
    expect(cli("keys", "list").stdout).toMatch(/^ID\s+NAME\s+ROLE/);
    const revokedLive = cli("keys", "revoke", secondKey.slice(0, 11));
    expect(revokedLive.status).toBe(0);
    expect(revokedLive.stdout).toContain('Revoked the admin key "second"');
    expect((await gql(server.url, `{ viewer { name } }`, secondKey)).status).toBe(401);

    // Without the socket (a server that cannot be reached) the CLI says how to go on, and touches nothing.
    fs.rmSync(socket);
    const refused = cli("keys", "create", "--role", "admin", "--name", "third");
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(`the data directory ${dataDir} is in use by process ${server.proc.pid}`);
    expect(refused.stderr).toContain("stop the server");
    expect(refused.stderr).toContain("createApiKey");
    expect(refused.stderr).toContain("DATABASE_URL");
    expect(cli("keys", "revoke", listed.id).status).toBe(2);

    // The server is unharmed and its store intact.
    expect(await gql(server.url, `{ viewer { name } articles { totalCount } }`, key)).toEqual({
      status: 200,
      body: { data: { viewer: { name: "wire importer" }, articles: { totalCount: 1 } } },
    });
  } finally {
    await stop(server).finally(() => server.proc.kill("SIGKILL"));
  }

  const afterServe = JSON.parse(cli("keys", "list", "--json").stdout);
  expect(afterServe.map((k: { name: string }) => k.name)).toEqual(["wire importer", "second"]);
  expect(afterServe[0].lastUsedAt).not.toBeNull();

  const revoked = cli("keys", "revoke", listed.id);
  expect(revoked).toMatchObject({ status: 0, stderr: "" });
  expect(revoked.stdout).toContain('Revoked the editor key "wire importer"');
  // By prefix too, and again: it stays revoked.
  expect(cli("keys", "revoke", listed.prefix).stdout).toContain("was already revoked");

  server = await serve();
  try {
    const r = await gql(server.url, `{ viewer { name } }`, key);
    expect(r.status).toBe(401);
    expect(r.body.errors).toEqual([{ message: "The API key is not valid (unknown or revoked)", extensions: { code: "UNAUTHENTICATED" } }]);
  } finally {
    await stop(server).finally(() => server.proc.kill("SIGKILL"));
  }
  // Each step starts a process that opens the embedded database; on a busy 2-core machine, minutes.
}, 300_000);

test("bad arguments exit 1 with a message", () => {
  const cli = (...args: string[]) => cliIn(path.join(tmp, "other"), ...args);
  const role = cli("keys", "create", "--role", "owner", "--name", "x");
  expect(role.status).toBe(1);
  expect(role.stderr).toContain("Allowed choices are reader, editor, admin");
  const blank = cli("keys", "create", "--role", "reader", "--name", "   ");
  expect(blank).toMatchObject({ status: 1, stdout: "" });
  expect(blank.stderr).toBe("newsgraph: --name must not be blank\n");
  const long = cli("keys", "create", "--role", "reader", "--name", "x".repeat(101));
  expect(long.status).toBe(1);
  expect(long.stderr).toContain("--name must be shorter than or equal to 100 characters");
  const unknown = cli("keys", "revoke", "ng_00000000");
  expect(unknown).toMatchObject({ status: 1, stderr: 'newsgraph: No API key with prefix "ng_00000000"\n' });
  const garbage = cli("keys", "revoke", "garbage");
  expect(garbage.status).toBe(1);
  expect(garbage.stderr).toContain("is neither an API key id nor a key prefix");
}, 120_000);
