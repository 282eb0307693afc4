// PostGraphile v5 (amber preset) over newsgraph's own tables, for `npm run bench:peer`.
//   DATABASE_URL=postgres://... PORT=4301 node bench/peer/postgraphile-server.mjs
// GET /stats answers {"statements": N}: statements sent to PostgreSQL since start (counted on
// pg.Client), which the runner reads around one request to report statements per request.
import "./polyfill.mjs";
import { createServer } from "node:http";
import pg from "pg";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements++;
  return query.apply(this, args);
};

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ pool, schemas: ["public"] })],
  grafast: { explain: false },
  grafserv: { graphiql: false, watch: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const handler = serv.createHandler();
const server = createServer((req, res) => {
  if (req.url === "/stats") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ statements, rssBytes: process.memoryUsage().rss }));
    return;
  }
  handler(req, res);
});
await serv.ready();
server.listen(Number(process.env.PORT ?? 4301), "127.0.0.1", () => process.stdout.write(`listening ${server.address().port}\n`));
const stop = async () => {
  server.close();
  await pgl.release();
  await pool.end();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
