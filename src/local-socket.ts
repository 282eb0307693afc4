import fs from "node:fs";
import http from "node:http";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";

/** Marks a request that came in over the local socket: it acts as a trusted local administrator. */
export const LOCAL_REQUEST = Symbol.for("newsgraph.localRequest");

/** Unix socket paths are limited to about 104 bytes on every platform Node runs on. */
const MAX_SOCKET_PATH = 100;

/** Where the server that owns an embedded data directory listens for local commands. */
export function localSocketPath(dataDir: string): string {
  return `${dataDir}.sock`;
}

/**
 * The embedded database has one owner, the server, so commands that need it while the server runs
 * (`newsgraph keys ...`) go through the server instead: over a Unix socket beside the data directory,
 * readable and writable by its owner only (mode 0600). Whoever can open it can read the database
 * files anyway, so a request on it acts as a local administrator without a key. It serves the same
 * routes as the HTTP port. Returns null when the path is too long for a socket.
 */
export async function openLocalSocket(app: FastifyInstance, dataDir: string, log: Logger): Promise<{ path: string; close(): Promise<void> } | null> {
  const path = localSocketPath(dataDir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    log.warn({ path }, "data directory path too long for a local command socket; `newsgraph keys` will ask to stop the server");
    return null;
  }
  // The caller owns the data directory (its lock), so a socket file left here is a dead server's.
  fs.rmSync(path, { force: true });
  const server = http.createServer((req, res) => {
    (req as unknown as Record<symbol, boolean>)[LOCAL_REQUEST] = true;
    app.routing(req, res);
  });
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, () => resolve());
    });
  } finally {
    process.umask(umask);
  }
  fs.chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        fs.rmSync(path, { force: true });
      }),
  };
}

/** Sends a GraphQL operation to the server that owns `dataDir`; null when no server answers on its socket. */
export function requestLocalServer<T = Record<string, unknown>>(
  dataDir: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | null> {
  const socketPath = localSocketPath(dataDir);
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: "/graphql", method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => {
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`unexpected answer from the server on ${socketPath}: ${text.slice(0, 200)}`));
        }
      });
    });
    req.on("error", (err: NodeJS.ErrnoException) => (["ENOENT", "ECONNREFUSED", "ENOTSOCK"].includes(err.code ?? "") ? resolve(null) : reject(err)));
    req.end(body);
  });
}
