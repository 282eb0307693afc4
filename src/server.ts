import { randomUUID } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from "@as-integrations/fastify";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from "fastify";
import type { Logger } from "pino";
import type { Config } from "./config";
import { type Context, createContext } from "./context";
import { type Database } from "./db/data-source";
import type { SqlTally } from "./db/sql-log";
import { EXAMPLE_TABS } from "./graphiql/examples";
import { HTML_CONTENT_TYPE, graphiqlHtml, registerGraphiqlAssets, wantsGraphiql } from "./graphiql/graphiql";
import { authPlugin } from "./plugins/auth.plugin";
import { DocumentStore } from "./plugins/document-store";
import { errorsPlugin, formatError } from "./plugins/errors.plugin";
import { httpStatusPlugin } from "./plugins/http-status.plugin";
import { inputPlugin } from "./plugins/input.plugin";
import { limitsPlugin } from "./plugins/limits.plugin";
import { Metrics, metricsPlugin, poolOf } from "./plugins/metrics.plugin";
import { RateLimits, rateKeyOf } from "./plugins/rate-limit";
import { tracingPlugin } from "./plugins/tracing.plugin";
import { plannerPlugin } from "./planner/planner.plugin";
import { Tracing } from "./tracing/tracing";
import { type NewsPubSub, memoryPubSub } from "./pubsub/pubsub";
import { LOCAL_REQUEST } from "./local-socket";
import { cappedStringifyResult } from "./common/raw-json";
import { listenForCommits } from "./cache/invalidation";
import { ResponseCache } from "./cache/response-cache";
import { notModified, responseCachePlugin } from "./cache/response-cache.plugin";
import { createSchema } from "./schema";
import { CompiledExecution } from "./execution/compiled-execution";
import { attachSubscriptionServer } from "./subscription/ws-server";

declare module "fastify" {
  interface FastifyRequest {
    sqlTally?: SqlTally;
  }
}

/** Largest request body, and largest WebSocket message. */
const BODY_LIMIT = 5 * 1024 * 1024;
/** How much of an oversized body is read and thrown away before answering 413, and for how long. */
const DISCARD_LIMIT = 256 * 1024 * 1024;
const DISCARD_MS = 10_000;

/**
 * Requests node:http refuses before fastify sees them (a request line or headers over the 16 kB
 * limit, a malformed request, a client too slow to send its headers) get an answer in GraphQL's
 * shape with a code, like every other error, and then the socket is closed.
 */
function answerClientError(this: FastifyInstance, err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "REQUEST_HEADERS_TOO_LARGE", "The request line and headers are larger than 16 kB; send long queries in a POST body, or as persisted queries"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "TIMEOUT", "The request was not received in time"]
        : [400, "BAD_REQUEST", "The HTTP request is malformed"];
  this.log.debug({ err: { code: err.code, message: err.message } }, "client error");
  if (socket.writable) {
    const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    // Closed once written; a client that never reads it does not keep the socket.
    setTimeout(() => socket.destroy(), 5_000).unref();
  } else socket.destroy();
}

function discardRestOfBody(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let read = 0;
    const done = () => {
      clearTimeout(timer);
      raw.off("data", onData).off("end", done).off("close", done).off("error", done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > DISCARD_LIMIT) done();
    };
    const timer = setTimeout(done, DISCARD_MS);
    raw.on("data", onData).on("end", done).on("close", done).on("error", done);
    raw.resume();
  });
}
const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Builds the HTTP server (not yet listening): GraphQL, GraphiQL, health checks. */
export async function createServer(deps: {
  config: Config;
  log: Logger;
  /** The database; read only once {@link ready} has settled. */
  database: () => Database;
  /** Settles when the database is migrated and seeded; GraphQL requests wait for it. */
  ready?: Promise<void>;
  /** Where committed writes are announced; in memory when absent. */
  pubsub?: NewsPubSub;
}): Promise<{ app: FastifyInstance; apollo: ApolloServer<Context>; metrics: Metrics }> {
  const { config, log } = deps;
  const databaseKind = config.database.kind;
  let databaseReady = !deps.ready;
  deps.ready?.then(() => (databaseReady = true), () => undefined);
  const schema = await createSchema();
  const pubsub = deps.pubsub ?? memoryPubSub().pubsub;
  const app = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    // One line per request is written by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: BODY_LIMIT,
    clientErrorHandler: answerClientError,
  });

  // Subscriptions (graphql-ws) share the port and the path: WebSocket upgrades of /graphql.
  const subscriptions = attachSubscriptionServer({
    server: app.server,
    path: "/graphql",
    schema,
    config,
    log,
    pubsub,
    database: deps.database,
    ready: deps.ready,
    maxPayload: BODY_LIMIT,
  });

  const metrics = new Metrics(poolOf(() => (databaseReady ? deps.database().dataSource : undefined)));
  const responseCache = config.responseCache.enabled
    ? new ResponseCache(config.responseCache, {
        hit: () => metrics.cacheHits.inc(),
        miss: () => metrics.cacheMisses.inc(),
        evicted: (reason, count) => metrics.cacheEvictions.inc({ reason }, count),
        size: (entries, bytes) => {
          metrics.cacheEntries.set(entries);
          metrics.cacheBytes.set(bytes);
        },
      })
    : null;
  const stopListening = responseCache ? listenForCommits(pubsub, responseCache, (err) => log.warn({ err }, "response cache stopped listening for writes")) : undefined;
  const rateLimits = await RateLimits.create(config, log);
  const tracing = Tracing.create(config.tracing, log);
  const charge = rateLimits
    ? async (context: Context, cost: number, http: Parameters<RateLimits["charge"]>[2]) => {
        const who = await rateKeyOf(context);
        if (!who) return;
        try {
          await rateLimits.charge(who, cost, http);
        } catch (err) {
          metrics.rateLimited.inc({ by: who.by });
          throw err;
        }
      }
    : undefined;

  const apollo = new ApolloServer<Context>({
    // Compiled execution is Apollo's gateway executor (see CompiledExecution); it serves the same schema.
    ...(config.compiledExecution ? { gateway: new CompiledExecution(schema, log).gateway() } : { schema }),
    documentStore: new DocumentStore(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (handleSignals): Apollo's own handlers would re-raise the signal and kill the process mid-drain.
    stopOnTerminationSignals: false,
    formatError,
    // A document longer than this is refused while it is lexed, before a huge AST is built.
    parseOptions: { maxTokens: config.limits.maxTokens },
    // Apollo pretty-prints responses by default: larger payloads and slower serialisation. Parts
    // already JSON (planned or cached answers) are spliced in as they are.
    stringifyResult: cappedStringifyResult(config.limits.maxResponseBytes, (bytes) => log.warn({ bytes, limit: config.limits.maxResponseBytes }, "response over the size limit refused")),
    plugins: [
      // The cache-control plugin wraps every resolver; nothing uses cache hints yet.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads from a CDN; GraphiQL is served from local files instead.
      ApolloServerPluginLandingPageDisabled(),
      fastifyApolloDrainPlugin(app),
      // Alongside fastify's close: subscription sockets get 1001 and go, so the HTTP server can close.
      {
        async serverWillStart() {
          return {
            drainServer: () => subscriptions.close(),
            serverWillStop: async () => {
              await stopListening?.();
              await rateLimits?.close();
              // The spans still buffered are sent before the process goes.
              await tracing?.shutdown().catch((err) => log.warn({ err }, "could not send the last spans"));
            },
          };
        },
      },
      authPlugin(config),
      inputPlugin(),
      limitsPlugin(schema, config.limits, charge),
      errorsPlugin(),
      httpStatusPlugin(),
      metricsPlugin(metrics, config.slowOperationMs),
      ...(tracing ? [tracingPlugin()] : []),
      // After every check above, before the planner: a hit runs no SQL.
      responseCachePlugin(responseCache, config),
      // Last: every plugin above has checked the operation before a planned answer is given.
      plannerPlugin(config),
    ],
  });
  await apollo.start();

  const graphql = fastifyApolloHandler(apollo, {
    context: async (request: FastifyRequest) => {
      const sql: SqlTally = { statements: 0 };
      request.sqlTally = sql;
      return createContext({
        config,
        dataSource: deps.database().dataSource,
        log: request.log as unknown as Logger,
        requestId: String(request.id),
        sql,
        pubsub,
        timeLimited: true,
        clientAddress: request.ip,
        trace: tracing?.request(tracing.incoming(request.headers)),
        responseCache,
        // Over the owner-only local socket (newsgraph keys while serving): a local administrator.
        authorization: (request.raw as unknown as Record<symbol, boolean>)[LOCAL_REQUEST] ? { local: null } : request.headers.authorization,
      });
    },
  });
  const page = graphiqlHtml({ endpoint: "/graphql", tabs: EXAMPLE_TABS, title: "newsgraph · GraphiQL" });

  // Errors fastify raises before GraphQL sees the request (a body over the limit, a body that is not
  // JSON, an unsupported content type) are answered in GraphQL's shape with a code, like every other error.
  app.setErrorHandler(async (err: { statusCode?: number; code?: string; message?: string }, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) request.log.error({ err }, "request failed");
    // A client refused for its body's size is usually still sending it: read the rest (up to a
    // bound) and discard it, so the client reads the 413 instead of a connection reset (EPIPE).
    if (status === 413) await discardRestOfBody(request.raw);
    const code = status === 413 ? "PAYLOAD_TOO_LARGE" : status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR";
    const message = status === 413 ? `The request body is larger than the limit of ${BODY_LIMIT} bytes` : status < 500 ? (err.message ?? "Bad request") : "Internal server error";
    return reply.code(status).type("application/json; charset=utf-8").send({ errors: [{ message, extensions: { code } }] });
  });

  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (request.sqlTally) reply.header("x-sql-statements", String(request.sqlTally.statements));
  });
  // A cacheable GET whose ETag the client already holds: 304, no body.
  app.addHook("onSend", async (request, reply, payload) => {
    const etag = reply.getHeader("etag");
    if (request.method !== "GET" || reply.statusCode !== 200 || typeof etag !== "string" || !notModified(request.headers["if-none-match"], etag)) return payload;
    reply.code(304);
    reply.removeHeader("content-type");
    reply.removeHeader("content-length");
    return null;
  });
  app.addHook("onResponse", async (request, reply) => {
    if (request.url.startsWith("/graphiql/")) return;
    request.log.info({ method: request.method, url: request.url.slice(0, 200), status: reply.statusCode, ms: Math.round(reply.elapsedTime), sql: request.sqlTally?.statements }, "request");
  });

  if (config.graphiql) registerGraphiqlAssets(app, "/graphiql");
  app.route({
    method: ["GET", "POST", "OPTIONS"],
    url: "/graphql",
    handler(request, reply) {
      if (config.graphiql && wantsGraphiql(request)) {
        return reply.type(HTML_CONTENT_TYPE).send(page);
      }
      if (!databaseReady) return deps.ready!.then(() => graphql.call(this, request as never, reply as never));
      return graphql.call(this, request as never, reply as never);
    },
  });

  app.get("/healthz", async () => ({ status: "ok" }));
  if (config.metrics) {
    app.get("/metrics", async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  }
  app.get("/readyz", async (_request, reply) => {
    if (!databaseReady) return reply.code(503).send({ status: "starting", database: databaseKind });
    try {
      await deps.database().dataSource.query("SELECT 1");
      return { status: "ready", database: databaseKind };
    } catch (err) {
      log.warn({ err }, "readiness check failed");
      return reply.code(503).send({ status: "unavailable", database: databaseKind });
    }
  });
  app.get("/", async (_request, reply) => reply.redirect("/graphql"));

  return { app, apollo, metrics };
}
