import { describeStatement } from "../../src/tracing/tracing";

/** Span names for SQL statements, as OpenTelemetry's database conventions have them: "{verb} {table}". */
test.each([
  [`SELECT a.id, (SELECT k.name FROM api_key k WHERE k.id = a.created_by) AS "createdBy" FROM article a WHERE a.id = ANY($1)`, "SELECT", "article"],
  [`WITH picked AS (SELECT id FROM expert WHERE slug = $1) INSERT INTO quote (text, speaker_expert_id) SELECT $2, id FROM picked RETURNING id`, "INSERT", "quote"],
  [`WITH hits AS (SELECT id FROM article WHERE search @@ $1) SELECT count(*) FROM hits`, "SELECT", "hits"],
  [`UPDATE "organization" SET name = $1 WHERE id = $2`, "UPDATE", "organization"],
  [`-- a comment naming FROM nothing\nDELETE FROM public.article_topic WHERE article_id = $1`, "DELETE", "article_topic"],
  [`SELECT 'from quote' AS label`, "SELECT", undefined],
  [`SELECT set_config('newsgraph.actor', $1, true)`, "SELECT", undefined],
  [`BEGIN`, "BEGIN", undefined],
])("%s", (sql, operation, target) => {
  expect(describeStatement(sql)).toEqual(target ? { operation, target } : { operation });
});
