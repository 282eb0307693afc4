import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type DocumentNode, type ExecutionArgs, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, getOperationAST, parse, validate } from "graphql";
import type { Context as WsContext } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import { ErrorCode } from "../common/errors";
import type { Config } from "../config";
import { type Context, createContext } from "../context";
import type { Database } from "../db/data-source";
import { formatError } from "../plugins/errors.plugin";
import { checkInput } from "../plugins/input.plugin";
import { checkLimits, costEstimator } from "../plugins/limits.plugin";
import type { NewsPubSub } from "../pubsub/pubsub";

/** How long clients get to answer our close frame on shutdown before their sockets are cut. */
const CLOSE_WAIT_MS = 1000;
/** WebSocket close code for "server going away". */
const GOING_AWAY = 1001;
/** graphql-ws's close code for "Forbidden". */
const FORBIDDEN_CLOSE = 4403;

/** Valid subscription documents kept parsed, by query text: a client that opens the same subscription many times parses it once. */
const DOCUMENT_CACHE_SIZE = 200;
/** Longer query texts are parsed each time rather than kept. */
const CACHEABLE_QUERY_CHARS = 10_000;

/** One running subscription: its context (and request id) and how much it sent. */
interface Live {
  readonly context: Context;
  /** The API key it was opened with, if any. */
  readonly keyId: string | null;
  readonly started: number;
  events: number;
}

/** graphql-ws subscriptions on an HTTP server. */
export interface SubscriptionServer {
  /** Closes every subscription socket (1001) and refuses new ones; resolves when they are gone. */
  close(): Promise<void>;
}

function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/** The `Authorization` the client put in its connection params, as the HTTP header would carry it. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const raw = params?.authorization ?? params?.Authorization;
  if (raw === undefined || raw === null) return undefined;
  // Anything but a string (a number, an object) is a malformed header: refused as such.
  return typeof raw === "string" ? raw : "(not a string)";
}

/**
 * GraphQL subscriptions over graphql-ws (the `graphql-transport-ws` protocol) at `path` on the same
 * port as HTTP: a `ws` server handles the HTTP upgrades for `path` only.
 *
 * Every subscription gets its own {@link Context}, with the key from the connection params
 * (`{ "Authorization": "Bearer ng_..." }`), and passes the checks an HTTP request passes: NUL in
 * input, depth and cost limits, the key. Problems are reported the graphql-ws way for one
 * operation, as coded GraphQL errors in an `error` message (before the subscription starts) or in a
 * `next` payload (errors from resolvers), and the socket stays open; they are the same codes and
 * masking as over HTTP. Only subscriptions are served here: queries and mutations go to HTTP.
 */
export function attachSubscriptionServer(deps: {
  server: Server;
  path: string;
  schema: GraphQLSchema;
  config: Config;
  log: Logger;
  pubsub: NewsPubSub;
  database: () => Database;
  /** Settles when the database is ready; subscriptions wait for it as HTTP requests do. */
  ready?: Promise<void>;
  /** Largest message a client may send, in bytes. */
  maxPayload: number;
}): SubscriptionServer {
  const { server, schema, config, log } = deps;
  const estimators = [costEstimator(config.limits.defaultPageSize)];
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxPayload });
  const live = new WeakMap<WsContext, Map<string, Live>>();
  /** Connections with a subscription, for ending those of a revoked key. */
  const connections = new Set<WsContext>();
  let closing = false;

  // A revoked key stops working at once: its connections close with 4403, as graphql-ws closes for
  // "Forbidden". (Requests check every key against the database; open subscriptions learn of a
  // revocation from this event, from any instance when the pub/sub is Redis.)
  const revocations = deps.pubsub.subscribe("KEY_REVOKED");
  void (async () => {
    for await (const event of revocations) {
      for (const ctx of connections) {
        const subs = [...(live.get(ctx)?.values() ?? [])];
        if (!subs.some((sub) => sub.keyId === event.keyId)) continue;
        subs[0]?.context.log.info({ keyId: event.keyId }, "closing subscriptions of a revoked API key");
        (ctx.extra as { socket: { close(code: number, reason: string): void } }).socket.close(FORBIDDEN_CLOSE, "API key revoked");
      }
    }
  })().catch((err) => log.warn({ err }, "revocation listener stopped"));

  const liveOf = (ctx: WsContext) => {
    let byId = live.get(ctx);
    if (!byId) live.set(ctx, (byId = new Map()));
    return byId;
  };

  /** As over HTTP: coded errors pass, anything else is logged and masked with the request id; no `http` extension. */
  const toClient = (error: GraphQLError, sub: Live | undefined): GraphQLFormattedError => {
    const formatted = formatError(error.toJSON(), error);
    const { http: _http, ...extensions } = formatted.extensions ?? {};
    if (extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR) return { ...formatted, extensions };
    const requestId = sub?.context.requestId ?? randomUUID();
    (sub?.context.log ?? log).error({ err: error.originalError ?? error, path: error.path, requestId }, "unexpected error in a subscription");
    return { ...formatted, message: `Internal server error (request ${requestId})`, extensions: { ...extensions, requestId } };
  };

  /** The execution arguments, or the coded errors that stop this subscription before it starts. */
  const documents = new Map<string, DocumentNode>();
  const prepare = async (ctx: WsContext, id: string, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }): Promise<ExecutionArgs | GraphQLError[]> => {
    // graphql-ws lists a subscription in ctx.subscriptions from its subscribe message on, so this
    // counts the ones starting as well as the running ones, this one included.
    const limit = config.limits.maxSubscriptionsPerConnection;
    if (Object.keys(ctx.subscriptions).length > limit) {
      return [
        new GraphQLError(`This connection already has ${limit} subscriptions (NEWSGRAPH_MAX_SUBSCRIPTIONS_PER_CONNECTION); complete one before starting another`, {
          extensions: { code: ErrorCode.RATE_LIMITED, by: "connection", limit },
        }),
      ];
    }
    let document = documents.get(payload.query);
    if (document) {
      // Most recently used last, so the oldest entry is the first to go.
      documents.delete(payload.query);
      documents.set(payload.query, document);
    } else {
      try {
        document = parse(payload.query, { maxTokens: config.limits.maxTokens });
      } catch (err) {
        return [err instanceof GraphQLError ? coded(err, "GRAPHQL_PARSE_FAILED") : new GraphQLError("The query does not parse", { extensions: { code: "GRAPHQL_PARSE_FAILED" } })];
      }
      const invalid = validate(schema, document);
      if (invalid.length) return invalid.map((e) => coded(e, "GRAPHQL_VALIDATION_FAILED"));
      if (payload.query.length <= CACHEABLE_QUERY_CHARS) {
        documents.set(payload.query, document);
        if (documents.size > DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
      }
    }
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) {
      return [new GraphQLError("Name the operation to run (operationName): the document has none or several", { extensions: { code: "OPERATION_RESOLUTION_FAILURE" } })];
    }
    if (operation.operation !== "subscription") {
      return [new GraphQLError(`Only subscriptions are served over WebSocket; send ${operation.operation === "query" ? "queries" : "mutations"} to POST /graphql`, { extensions: { code: "BAD_REQUEST" } })];
    }
    const refused = checkInput(document, payload.variables) ?? checkLimits(schema, config.limits, document, operation, payload.operationName, payload.variables, estimators);
    if (refused) return [refused];

    const requestId = randomUUID();
    const requestLog = log.child({ requestId });
    if (deps.ready) {
      try {
        await deps.ready;
      } catch (err) {
        requestLog.error({ err }, "database not ready for a subscription");
        return [new GraphQLError(`Internal server error (request ${requestId})`, { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId } })];
      }
    }
    const context = createContext({
      config,
      dataSource: deps.database().dataSource,
      log: requestLog,
      requestId,
      pubsub: deps.pubsub,
      authorization: authorizationOf(ctx.connectionParams),
    });
    // A key that was presented must be valid; with NEWSGRAPH_READS_REQUIRE_KEY one is required.
    if (context.credentials.kind !== "none" || config.auth.readsRequireKey) {
      try {
        await requireRole(context, Role.READER);
      } catch (err) {
        if (err instanceof GraphQLError) return [err];
        throw err;
      }
    }
    const keyId = context.credentials.kind === "bearer" ? ((await context.viewer())?.keyId ?? null) : null;
    liveOf(ctx).set(id, { context, keyId, started: Date.now(), events: 0 });
    connections.add(ctx);
    requestLog.info({ operationName: payload.operationName ?? operation.name?.value ?? null }, "subscription started");
    return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: context };
  };

  useServer<Record<string, unknown> | undefined>(
    {
      schema,
      async onSubscribe(ctx, id, payload) {
        const prepared = await prepare(ctx, id, payload);
        return Array.isArray(prepared) ? prepared.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String(e)))) : prepared;
      },
      onError(ctx, id, _payload, errors) {
        return errors.map((e) => toClient(e, live.get(ctx)?.get(id)));
      },
      onNext(ctx, id, _payload, _args, result) {
        const sub = live.get(ctx)?.get(id);
        if (sub) sub.events++;
        if (!result.errors) return;
        return { ...result, errors: result.errors.map((e) => toClient(e, sub)) };
      },
      onClose(ctx) {
        connections.delete(ctx);
      },
      onComplete(ctx, id) {
        const byId = live.get(ctx);
        const sub = byId?.get(id);
        byId?.delete(id);
        sub?.context.log.info({ events: sub.events, ms: Date.now() - sub.started }, "subscription ended");
      },
    },
    wss,
  );

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? "").split("?")[0];
    if (closing || path !== deps.path) {
      socket.on("error", () => socket.destroy());
      socket.end(`HTTP/1.1 ${closing ? "503 Service Unavailable" : "404 Not Found"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  };
  server.on("upgrade", onUpgrade);

  let closed: Promise<void> | undefined;
  return {
    close() {
      return (closed ??= (async () => {
        closing = true;
        await revocations.return?.();
        for (const client of wss.clients) client.close(GOING_AWAY, "Server shutting down");
        // A client that does not answer the close frame would hold shutdown for ws's 30 s close timeout.
        const cut = setTimeout(() => {
          for (const client of wss.clients) client.terminate();
        }, CLOSE_WAIT_MS);
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        clearTimeout(cut);
        server.off("upgrade", onUpgrade);
      })());
    },
  };
}
