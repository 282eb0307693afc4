import { Command, Option } from "commander";
import { GraphQLError } from "graphql";
import pino from "pino";
import { openDatabase } from "../app";
import type { FieldError } from "../common/validation";
import { loadConfig } from "../config";
import { DataDirInUseError } from "../db/data-dir-lock";
import type { Database } from "../db/data-source";
import { requestLocalServer } from "../local-socket";
import { createPubSubHandle } from "../pubsub/pubsub";
import { Role } from "./api-key.entity";
import { ApiKeyService, PUBLIC_PREFIX, assertValidCreateInput } from "./api-key.service";
import type { ApiKeyRow } from "./api-key.type";

/** A failure the CLI reports as its message alone, with this exit code. */
export class CommandError extends Error {
  override name = "CommandError";

  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** How to do each command through a running server instead, for the data-directory message. */
const THROUGH_SERVER: Record<string, string> = {
  create: 'mutation { createApiKey(input: { name: "wire importer", role: EDITOR }) { key apiKey { id } } }',
  list: "{ apiKeys(includeRevoked: true) { id name role prefix createdAt lastUsedAt revokedAt } }",
  revoke: 'mutation { revokeApiKey(id: "<id>") { apiKey { revokedAt } } }',
};

function dataDirInUse(command: string, err: DataDirInUseError): CommandError {
  const owner = err.owner ? `process ${err.owner} (a running \`newsgraph serve\`?)` : "another process";
  return new CommandError(
    [
      `cannot run \`keys ${command}\`: the data directory ${err.dataDir ?? "(unknown)"} is in use by ${owner}, which does not answer on its local socket.`,
      "An embedded (PGlite) data directory has one owner at a time: a second process writing it would corrupt it, so nothing was changed.",
      "To go on, either:",
      `  - stop the server, run \`newsgraph keys ${command}\` again, then start the server again; or`,
      "  - ask the running server, with an admin key (Authorization: Bearer <admin key>):",
      `      ${THROUGH_SERVER[command]}`,
      "With PostgreSQL (DATABASE_URL) there is no such limit: keys commands work while servers run.",
    ].join("\n"),
    2,
  );
}

/** Sends one GraphQL operation to the server that owns the data directory; its errors become CLI messages. */
export type SendToServer = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * Opens the configured database (applying pending migrations), runs `local`, and closes it. When a
 * running server owns the embedded data directory, runs `remote` through that server instead (over
 * its owner-only local socket); when no server answers there, explains how to go on. Logs go to
 * stderr: stdout is the output.
 */
async function withDatabase<T>(command: string, local: (database: Database) => Promise<T>, remote: (send: SendToServer) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = pino({ level: process.env.LOG_LEVEL ? config.logLevel : "warn", base: { service: "newsgraph" } }, pino.destination(2));
  let database: Database;
  try {
    database = await openDatabase(config, log);
  } catch (err) {
    if (!(err instanceof DataDirInUseError) || !err.dataDir) throw err;
    const dataDir = err.dataDir;
    const probe = await requestLocalServer(dataDir, "{ __typename }").catch(() => null);
    if (!probe) throw dataDirInUse(command, err);
    process.stderr.write(`newsgraph: the server (process ${err.owner ?? "?"}) owns ${dataDir}; asking it to do this.\n`);
    const send: SendToServer = async (query, variables) => {
      const answer = await requestLocalServer(dataDir, query, variables);
      if (!answer) throw dataDirInUse(command, err);
      if (answer.errors?.length) throw forUser(new GraphQLError(answer.errors[0]!.message, { extensions: answer.errors[0]!.extensions }));
      return answer.data as never;
    };
    return remote(send);
  }
  try {
    return await local(database);
  } catch (err) {
    throw forUser(err);
  } finally {
    await database.close();
  }
}

const KEY_FIELDS = "id name role prefix createdAt lastUsedAt revokedAt";

/**
 * Tells running servers that share Redis (REDIS_URL) about a revocation made straight in the
 * database, so they end the subscriptions opened with the key; requests are refused anyway.
 */
async function announceRevocation(keyId: string): Promise<void> {
  const config = loadConfig();
  if (!config.redisUrl) return;
  const log = pino({ level: "warn" }, pino.destination(2));
  const handle = await createPubSubHandle(config, log).catch((err) => {
    log.warn({ err }, "could not reach Redis to announce the revocation; open subscriptions with this key end when their servers restart");
    return null;
  });
  if (!handle) return;
  handle.pubsub.publish("KEY_REVOKED", { keyId });
  await handle.close();
}

/** An ApiKey as the GraphQL API returns it, in the shape the local service returns. */
function fromGraphQL(k: { id: string; name: string; role: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }): ApiKeyRow {
  return {
    id: k.id,
    dbId: "",
    name: k.name,
    role: k.role.toLowerCase() as Role,
    prefix: k.prefix,
    createdAt: new Date(k.createdAt),
    lastUsedAt: k.lastUsedAt ? new Date(k.lastUsedAt) : null,
    revokedAt: k.revokedAt ? new Date(k.revokedAt) : null,
  };
}

/** BAD_USER_INPUT and NOT_FOUND from the service as the CLI words them (`--name ...`); anything else unchanged. */
function forUser(err: unknown): unknown {
  if (!(err instanceof GraphQLError)) return err;
  const fields = err.extensions.fields as FieldError[] | undefined;
  return new CommandError(fields ? fields.map((f) => `--${f.field.replace(/^input\./, "")} ${f.message}`).join("; ") : err.message);
}

const when = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "-");

function table(keys: readonly ApiKeyRow[]): string {
  const header = ["ID", "NAME", "ROLE", "PREFIX", "CREATED", "LAST USED", "REVOKED"];
  const rows = keys.map((k) => [k.id, k.name, k.role, k.prefix, when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n") + "\n";
}

/** `newsgraph keys create|list|revoke`: API keys on the configured database, as a local administrator. */
export function keysCommand(fail: (err: unknown) => never): Command {
  const keys = new Command("keys").description("Create, list and revoke API keys (on the configured database)");
  const run = (action: () => Promise<void>) => action().catch(fail);

  keys
    .command("create")
    .description("Create an API key and print it, once, as the last line")
    .addOption(new Option("--role <role>", "what the key may do").choices(Object.values(Role)).makeOptionMandatory())
    .requiredOption("--name <name>", 'what the key is for, e.g. "wire importer" (1 to 100 characters)')
    .action((opts: { role: Role; name: string }) =>
      run(async () => {
        const input = { name: opts.name, role: opts.role };
        // Checked before the database is opened, too: a typo costs no start-up.
        await assertValidCreateInput(input).catch((err) => Promise.reject(forUser(err)));
        const { apiKey, key } = await withDatabase(
          "create",
          (db) => ApiKeyService.create(db, input, null),
          async (send) => {
            const { createApiKey } = await send<{ createApiKey: { key: string; apiKey: Parameters<typeof fromGraphQL>[0] } }>(
              `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { ${KEY_FIELDS} } } }`,
              { input: { name: input.name, role: input.role.toUpperCase() } },
            );
            return { key: createApiKey.key, apiKey: fromGraphQL(createApiKey.apiKey) };
          },
        );
        process.stdout.write(
          `Created the ${apiKey.role} key "${apiKey.name}" (id ${apiKey.id}, prefix ${apiKey.prefix}).\n` +
            "This is the only time the key is shown; only its hash is stored. Send it as the header\n" +
            "Authorization: Bearer <key>. The key:\n" +
            `${key}\n`,
        );
      }),
    );

  keys
    .command("list")
    .description("List API keys, revoked ones included (never the keys themselves)")
    .option("--json", "print JSON for machines")
    .action((opts: { json?: boolean }) =>
      run(async () => {
        const list = await withDatabase(
          "list",
          (db) => ApiKeyService.list(db, { includeRevoked: true }),
          async (send) => (await send<{ apiKeys: Array<Parameters<typeof fromGraphQL>[0]> }>(`{ apiKeys(includeRevoked: true) { ${KEY_FIELDS} } }`)).apiKeys.map(fromGraphQL),
        );
        if (opts.json) {
          const out = list.map(({ id, name, role, prefix, createdAt, lastUsedAt, revokedAt }) => ({ id, name, role, prefix, createdAt, lastUsedAt, revokedAt }));
          process.stdout.write(JSON.stringify(out, null, 2) + "\n");
        } else if (!list.length) {
          process.stdout.write("No API keys yet. Create one with: newsgraph keys create --role admin --name <name>\n");
        } else {
          process.stdout.write(table(list));
        }
      }),
    );

  keys
    .command("revoke")
    .description("Revoke an API key: requests presenting it are refused from then on")
    .argument("<id>", "the key's id (from `keys list`) or its prefix, e.g. ng_5f1c9a0e")
    .action((ref: string) =>
      run(async () => {
        const { before, after } = await withDatabase(
          "revoke",
          async (db) => {
            const id = await ApiKeyService.idOf(db.dataSource, ref);
            const [row] = await db.dataSource.query<Array<{ revoked_at: Date | null }>>(`SELECT revoked_at FROM api_key WHERE id = $1`, [id]);
            const after = await ApiKeyService.revoke(db, id);
            await announceRevocation(id);
            return { before: row?.revoked_at ?? null, after };
          },
          async (send) => {
            const keys = (await send<{ apiKeys: Array<Parameters<typeof fromGraphQL>[0]> }>(`{ apiKeys(includeRevoked: true) { ${KEY_FIELDS} } }`)).apiKeys;
            const prefix = PUBLIC_PREFIX.exec(ref)?.[1];
            const key = keys.find((k) => (prefix ? k.prefix === prefix : k.id === ref));
            if (!key) throw new CommandError(prefix ? `No API key with prefix "${prefix}"` : `"${ref}" is neither an API key id nor a key prefix (ng_ and 8 hex digits)`);
            const { revokeApiKey } = await send<{ revokeApiKey: { apiKey: Parameters<typeof fromGraphQL>[0] } }>(
              `mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { ${KEY_FIELDS} } } }`,
              { id: key.id },
            );
            return { before: key.revokedAt ? new Date(key.revokedAt) : null, after: fromGraphQL(revokeApiKey.apiKey) };
          },
        );
        process.stdout.write(
          before
            ? `The ${after.role} key "${after.name}" (${after.prefix}) was already revoked at ${when(after.revokedAt)}.\n`
            : `Revoked the ${after.role} key "${after.name}" (${after.prefix}); requests presenting it are refused from now on.\n`,
        );
      }),
    );
  return keys;
}
