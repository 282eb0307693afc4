import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Content type to serve the page from {@link graphiqlHtml} with. */
export const HTML_CONTENT_TYPE = "text/html; charset=utf-8";

const JS_CONTENT_TYPE = "application/javascript; charset=utf-8";
const CSS_CONTENT_TYPE = "text/css; charset=utf-8";
const ASSET_CACHE_CONTROL = "public, max-age=3600";

/** One GraphiQL editor tab the page opens with. */
export interface GraphiqlTab {
  /**
   * A label for the example, for the caller's own use. GraphiQL 4 has no tab
   * title field: it names each tab after the query's operation name.
   */
  name?: string;
  /** Contents of the query editor. */
  query: string;
  /** Contents of the variables editor, as JSON text. */
  variables?: string;
  /** Contents of the headers editor, as JSON text. */
  headers?: string;
}

interface Asset {
  readonly file: string;
  readonly contentType: string;
  /** Resolves the absolute path of the file on disk; called on first request. */
  readonly resolve: () => string;
}

interface LoadedAsset {
  readonly body: Buffer;
  readonly etag: string;
}

/**
 * `graphiql`, `react` and `react-dom` restrict deep imports with package
 * `exports`, so the files are located relative to their `package.json`.
 */
function fromPackage(pkg: string, relative: string): () => string {
  return () => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), relative);
}

/**
 * Starts GraphiQL from the settings embedded in the page. Served as a file
 * rather than inline so the page works under a `script-src 'self'` policy.
 */
const BOOTSTRAP_JS = `(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("graphiql-config").textContent);
  var tabs = config.tabs.length > 0 ? config.tabs : [{ query: "" }];
  var first = tabs[0];
  var url = new URL(config.endpoint, window.location.href);
  var wsUrl = new URL(url.href);
  wsUrl.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      // Subscriptions go over graphql-ws (bundled in GraphiQL's UMD build); the Headers editor
      // becomes the connection params, so {"Authorization": "Bearer <key>"} works for both.
      fetcher: GraphiQL.createFetcher({ url: url.href, subscriptionUrl: wsUrl.href }),
      defaultQuery: first.query,
      defaultTabs: tabs,
      defaultEditorToolsVisibility: Boolean(first.variables || first.headers)
    })
  );
})();
`;

const ASSETS: readonly Asset[] = [
  {
    file: "react.production.min.js",
    contentType: JS_CONTENT_TYPE,
    resolve: fromPackage("react", "umd/react.production.min.js"),
  },
  {
    file: "react-dom.production.min.js",
    contentType: JS_CONTENT_TYPE,
    resolve: fromPackage("react-dom", "umd/react-dom.production.min.js"),
  },
  {
    file: "graphiql.min.js",
    contentType: JS_CONTENT_TYPE,
    resolve: fromPackage("graphiql", "graphiql.min.js"),
  },
  {
    file: "graphiql.min.css",
    contentType: CSS_CONTENT_TYPE,
    resolve: fromPackage("graphiql", "graphiql.min.css"),
  },
];

const BOOTSTRAP_FILE = "graphiql-init.js";

function etagOf(body: Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  contentType: string,
  asset: LoadedAsset,
): FastifyReply {
  reply.header("Content-Type", contentType);
  reply.header("Cache-Control", ASSET_CACHE_CONTROL);
  reply.header("ETag", asset.etag);
  if (request.headers["if-none-match"] === asset.etag) {
    return reply.code(304).send();
  }
  return reply.send(asset.body);
}

function trimPrefix(prefix: string): string {
  return prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
}

/**
 * Registers GET routes under `prefix` for the GraphiQL page's scripts and
 * stylesheet: React and ReactDOM 18 UMD builds, the GraphiQL UMD bundle and
 * CSS, all read from `node_modules`, plus a small start-up script. Each file is
 * read on its first request and then kept in memory. Nothing is loaded from a
 * CDN.
 *
 * @param app - Fastify instance to add the routes to.
 * @param prefix - URL path the assets are served under; pass the same value as
 *   `assetsPrefix` to {@link graphiqlHtml}.
 */
export function registerGraphiqlAssets(app: FastifyInstance, prefix = "/graphiql"): void {
  const base = trimPrefix(prefix);

  for (const asset of ASSETS) {
    let loading: Promise<LoadedAsset> | undefined;
    const load = (): Promise<LoadedAsset> => {
      if (!loading) {
        loading = readFile(asset.resolve()).then((body) => ({ body, etag: etagOf(body) }));
        loading.catch(() => {
          loading = undefined;
        });
      }
      return loading;
    };
    app.get(`${base}/${asset.file}`, async (request, reply) =>
      sendAsset(request, reply, asset.contentType, await load()),
    );
  }

  const bootstrapBody = Buffer.from(BOOTSTRAP_JS, "utf8");
  const bootstrap: LoadedAsset = { body: bootstrapBody, etag: etagOf(bootstrapBody) };
  app.get(`${base}/${BOOTSTRAP_FILE}`, async (request, reply) =>
    sendAsset(request, reply, JS_CONTENT_TYPE, bootstrap),
  );
}

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(",")) {
    const [mediaType = "", ...params] = part.split(";");
    const [type, subtype] = mediaType.trim().toLowerCase().split("/");
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=");
      if (key?.trim().toLowerCase() === "q" && value !== undefined) {
        const parsed = Number(value.trim());
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** The quality the most specific matching range gives `type/subtype`, or 0. */
function quality(ranges: readonly MediaRange[], type: string, subtype: string): number {
  let best = -1;
  let q = 0;
  for (const range of ranges) {
    let specificity: number;
    if (range.type === type && range.subtype === subtype) specificity = 2;
    else if (range.type === type && range.subtype === "*") specificity = 1;
    else if (range.type === "*" && range.subtype === "*") specificity = 0;
    else continue;
    if (specificity > best || (specificity === best && range.q > q)) {
      best = specificity;
      q = range.q;
    }
  }
  return q;
}

function hasQueryParameter(url: string): boolean {
  const start = url.indexOf("?");
  return start !== -1 && new URLSearchParams(url.slice(start + 1)).has("query");
}

/**
 * Whether a request to the GraphQL endpoint should get the GraphiQL page: a
 * GET (or HEAD) whose `Accept` header ranks `text/html` above JSON, with no
 * `query` URL parameter. A GET carrying `?query=` is always left to the
 * GraphQL handler, whatever it accepts.
 */
export function wantsGraphiql(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (hasQueryParameter(request.url)) return false;
  const accept = request.headers.accept;
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const html = quality(ranges, "text", "html");
  const json = Math.max(
    quality(ranges, "application", "json"),
    quality(ranges, "application", "graphql-response+json"),
  );
  return html > 0 && html > json;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** JSON that cannot end the `<script>` element it is embedded in. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * Renders the GraphiQL 4 page: a complete UTF-8 HTML document that loads the
 * assets registered by {@link registerGraphiqlAssets} and opens GraphiQL on
 * `tabs` (the first tab active), sending operations to `endpoint` with
 * `GraphiQL.createFetcher`: queries and mutations over HTTP, subscriptions over graphql-ws at the
 * same URL (ws:// or wss://). Tabs a browser has saved in its local storage take
 * precedence over `tabs`, as GraphiQL always does. Serve it with
 * {@link HTML_CONTENT_TYPE}.
 *
 * @param opts.endpoint - URL of the GraphQL endpoint, absolute or relative to
 *   the page.
 * @param opts.assetsPrefix - Path the assets were registered under; defaults to
 *   `/graphiql`.
 * @param opts.title - Document title; defaults to `newsgraph · GraphiQL`.
 * @param opts.tabs - Editor tabs to open with when nothing is saved.
 */
export function graphiqlHtml(opts: {
  endpoint: string;
  assetsPrefix?: string;
  title?: string;
  tabs: GraphiqlTab[];
}): string {
  const base = escapeHtml(trimPrefix(opts.assetsPrefix ?? "/graphiql"));
  const title = escapeHtml(opts.title ?? "newsgraph · GraphiQL");
  const config = scriptSafeJson({
    endpoint: opts.endpoint,
    tabs: opts.tabs.map((tab) => ({
      query: tab.query,
      variables: tab.variables ?? null,
      headers: tab.headers ?? null,
    })),
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}/graphiql.min.css">
<style>html, body { height: 100%; margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${config}</script>
<script src="${base}/react.production.min.js"></script>
<script src="${base}/react-dom.production.min.js"></script>
<script src="${base}/graphiql.min.js"></script>
<script src="${base}/${BOOTSTRAP_FILE}"></script>
</body>
</html>
`;
}
