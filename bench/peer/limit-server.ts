import { createServer } from "node:http";
import { Pool } from "pg";
import { allPages, frontPage, type Page, type PageParams } from "./pages";

/**
 * The one-statement limit for `npm run bench:peer`: node:http and pg, nothing else. `GET /<page>`
 * runs that page's one prepared, hand-written SQL statement, which builds the whole JSON answer
 * (in newsgraph's shape) in PostgreSQL, and sends its text as it comes. `GET /stats` answers
 * `{"statements": N, "rssBytes": ...}`.
 *
 *   DATABASE_URL=postgres://... PORT=4312 PEER_PARAMS='{"articleSlug":...}' node dist/bench/peer/limit-server.js
 */
const params = JSON.parse(process.env.PEER_PARAMS ?? "{}") as PageParams;
const pages = new Map<string, Page>([...allPages(params), frontPage(5), frontPage(50)].map((p) => [p.name, p]));
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
let statements = 0;

const server = createServer((req, res) => {
  const name = (req.url ?? "/").slice(1);
  if (name === "stats") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ statements, rssBytes: process.memoryUsage().rss }));
    return;
  }
  const page = pages.get(name);
  if (!page) {
    res.writeHead(404).end();
    return;
  }
  statements++;
  pool.query<{ json: string }>({ name: page.limit.planPerRequest ? undefined : `peer_${page.name.replace(/-/g, "_")}`, text: page.limit.sql, values: page.limit.values }).then(
    (result) => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(result.rows[0]!.json);
    },
    (err: Error) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: err.message }] }));
    },
  );
});

server.listen(Number(process.env.PORT ?? 4312), "127.0.0.1", () => process.stdout.write("listening\n"));
const stop = (): void => {
  server.close();
  void pool.end().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
