import "reflect-metadata";
import { Kind, type OperationDefinitionNode, parse } from "graphql";
import { Client } from "pg";
import { loadConfig } from "../src/config";
import { statementName } from "../src/db/prepared";
import { planOperation } from "../src/planner/planner";
import { createSchema } from "../src/schema";
import { articlePage, frontPage } from "./peer/pages";

/**
 * What naming the planner's statement saves inside PostgreSQL: the front and article pages of
 * bench:peer, planned as the server plans them, run back to back on one read-only session,
 * unnamed and named in alternating batches. Prints the median time per statement of each.
 *
 *   npm run bench:prepared -- postgres://postgres@127.0.0.1:5432/an_imported_database [batches] [per batch]
 */
async function main(): Promise<void> {
  const [url, batchesArg, perBatchArg] = process.argv.slice(2);
  if (!url) throw new Error("usage: bench:prepared -- <postgres url> [batches=6] [per batch=200]");
  const batches = Number(batchesArg ?? 6);
  const perBatch = Number(perBatchArg ?? 200);
  const schema = await createSchema();
  const limits = loadConfig({}).limits;
  const client = new Client({ connectionString: url, options: "-c jit=off -c default_transaction_read_only=on" });
  await client.connect();
  try {
    const slug = (await client.query<{ slug: string }>("SELECT slug FROM article ORDER BY published_at DESC LIMIT 1 OFFSET 100")).rows[0]?.slug;
    if (!slug) throw new Error("the database has fewer than 101 articles: import a corpus first (bench:peer --keep)");
    for (const page of [frontPage(20), articlePage(slug)]) {
      const document = parse(page.newsgraph.query);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const plan = planOperation(schema, operation, {}, page.newsgraph.variables, limits);
      if (!plan) throw new Error(`the planner does not cover the ${page.name} page`);
      const name = statementName(plan.sql);
      const times: Record<"unnamed" | "named", number[]> = { unnamed: [], named: [] };
      for (let b = 0; b < batches; b++) {
        for (const kind of ["unnamed", "named"] as const) {
          const started = process.hrtime.bigint();
          for (let i = 0; i < perBatch; i++) await client.query(kind === "named" ? { name, text: plan.sql, values: plan.params } : { text: plan.sql, values: plan.params });
          times[kind].push(Number(process.hrtime.bigint() - started) / 1e6 / perBatch);
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const unnamed = median(times.unnamed);
      const named = median(times.named);
      console.log(`${page.name}: unnamed ${unnamed.toFixed(2)} ms, named ${named.toFixed(2)} ms per statement (${(unnamed / named).toFixed(2)}×; median of ${batches} batches of ${perBatch})`);
    }
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
