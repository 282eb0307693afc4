import DataLoader from "dataloader";
import { SEARCH_CONFIG } from "../common/search";
import type { Context } from "../context";
import type { ExpertRow } from "../expert/expert.type";
import type { OrganizationRow } from "../organization/organization.type";
import type { HighlightRangeRow, HighlightRow } from "./highlight.type";
import { parseSearchQuery } from "./search-query";

// ts_headline marks matches with these two private-use characters, removed from the text first,
// so that the marks can be turned into offsets and never into HTML.
const START = "\uE000";
const STOP = "\uE001";
const MARKS = `E'\\uE000\\uE001'`;
const WHOLE = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;
const PASSAGES = `StartSel=${START}, StopSel=${STOP}, MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=" … "`;

/** Text with ts_headline's marks → the plain snippet and where the marks were; null when nothing is marked. */
export function fromMarked(field: string, marked: string | null): HighlightRow | null {
  if (marked == null) return null;
  let snippet = "";
  const matches: HighlightRangeRow[] = [];
  let start = -1;
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i];
    if (c === START) start = snippet.length;
    else if (c === STOP) {
      if (start >= 0 && snippet.length > start) matches.push({ start, end: snippet.length });
      start = -1;
    } else snippet += c;
  }
  return matches.length ? { field, snippet, matches } : null;
}

/** Columns of one table to highlight: field name → [column expression over alias `t`, whole text or passages]. */
const FIELDS = {
  Article: { table: "article", fields: { headline: ["t.headline", WHOLE], summary: ["t.summary", WHOLE], body: ["t.body", PASSAGES] } },
  Quote: { table: "quote", fields: { text: ["t.text", WHOLE] } },
  Event: { table: "event", fields: { title: ["t.title", WHOLE], description: ["t.description", WHOLE] } },
} as const;
type TextType = keyof typeof FIELDS;

/** ts_headline over the rows with these ids, for one query: the matched fields of each row, in field order. */
async function textHighlights(ctx: Context, type: TextType, query: string, ids: readonly string[]): Promise<HighlightRow[][]> {
  const spec = FIELDS[type];
  const names = Object.keys(spec.fields) as Array<keyof typeof spec.fields>;
  const columns = names.map((name, i) => {
    const [column] = spec.fields[name] as readonly [string, string];
    return `ts_headline(${SEARCH_CONFIG}, translate(${column}, ${MARKS}, '  '), q.tsq, $${i + 3}) AS "${String(name)}"`;
  });
  const options = names.map((name) => (spec.fields[name] as readonly [string, string])[1]);
  const rows = await ctx.db.query<Array<Record<string, string | null>>>(
    `SELECT t.id, ${columns.join(", ")} FROM ${spec.table} t, (SELECT websearch_to_tsquery(${SEARCH_CONFIG}, $2::text) AS tsq) q WHERE t.id = ANY($1::uuid[])`,
    [ids, query, ...options],
  );
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return names.map((name) => fromMarked(String(name), row[String(name)] ?? null)).filter((h): h is HighlightRow => h != null);
  });
}

/** The length of a text expression in UTF-16 code units (JavaScript's `length`): characters past U+FFFF count twice. */
const utf16Length = (x: string) =>
  `(CASE WHEN octet_length(${x}) = length(${x}) THEN length(${x}) ELSE length(${x}) + length(regexp_replace(${x}, '[^\\U00010000-\\U0010FFFF]', '', 'g')) END)`;

/**
 * {@link fromMarked} in SQL: the highlight of `field` (a JSON object) from the marked text
 * `marked`, or NULL when nothing is marked. The text is cut at each mark (a mark and the text up
 * to the next one per row, in order); a mark's offset is the UTF-16 length of the text before it;
 * a STOP right after a START, past it, closes a match, as fromMarked reads the marks.
 */
function fromMarkedSql(field: string, marked: string): string {
  const pieces =
    `SELECT r.n, r.g[1] AS mark, coalesce(sum(${utf16Length("r.g[2]")}) OVER (ORDER BY r.n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::int AS pos ` +
    `FROM regexp_matches(hm.m, E'([\\uE000\\uE001]?)([^\\uE000\\uE001]*)', 'g') WITH ORDINALITY r (g, n)`;
  const marks = `SELECT k.n, k.mark, k.pos, lag(k.mark) OVER (ORDER BY k.n) AS prev, lag(k.pos) OVER (ORDER BY k.n) AS "from" FROM (${pieces}) k`;
  return (
    `(SELECT CASE WHEN count(*) > 0 THEN json_build_object('field', '${field}', 'snippet', translate(hm.m, ${MARKS}, ''), ` +
    `'matches', json_agg(json_build_object('start', h."from", 'end', h.pos) ORDER BY h.n)) END ` +
    `FROM (SELECT ${marked} AS m) hm CROSS JOIN LATERAL (${marks}) h ` +
    `WHERE h.mark = E'\\uE001' AND h.prev = E'\\uE000' AND h.pos > h."from" GROUP BY hm.m)`
  );
}

/**
 * The `highlights` of the row of `type` under `alias` for the search text in parameter
 * `queryParam` (an SQL text expression), as one JSON array: the same ts_headline calls as
 * {@link highlightsOf} makes, turned into offsets by {@link fromMarkedSql}. For the planner.
 */
export function highlightsSql(type: TextType, alias: string, queryParam: string): string {
  const spec = FIELDS[type];
  const rows = Object.entries(spec.fields).map(([name, [column, options]], i) => {
    const marked = `ts_headline(${SEARCH_CONFIG}, translate(${column.replace(/^t\./, `${alias}.`)}, ${MARKS}, '  '), websearch_to_tsquery(${SEARCH_CONFIG}, ${queryParam}), '${options}')`;
    return `(${i}, ${fromMarkedSql(name, marked)})`;
  });
  return `(SELECT coalesce(json_agg(hl.j ORDER BY hl.o), '[]'::json) FROM (VALUES ${rows.join(", ")}) hl (o, j) WHERE hl.j IS NOT NULL)`;
}

/** pg_trgm's trigrams of one word: lower-case, padded with two spaces before and one after. */
function trigrams(word: string): Set<string> {
  const padded = `  ${word.toLowerCase()} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** pg_trgm's similarity of two words: shared trigrams over all trigrams. */
export function similarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** How alike a name's word must be to a query word to be marked ("jingping" ~ "jinping" is 0.6). */
const NAME_WORD_SIMILARITY = 0.4;

/** The words of `text` like one of the query's words (typos allowed), as a highlight of `field`. */
export function nameHighlight(field: string, text: string, queryWords: readonly string[]): HighlightRow | null {
  const matches: HighlightRangeRow[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)) {
    const word = m[0].toLowerCase();
    const like = queryWords.some((q) => q === word || (q.length >= 3 && word.startsWith(q)) || similarity(q, word) >= NAME_WORD_SIMILARITY);
    if (like) matches.push({ start: m.index, end: m.index + m[0].length });
  }
  return matches.length ? { field, snippet: text, matches } : null;
}

/** Highlights of a person's or organization's name, else of the aliases that matched. */
function namedHighlights(row: ExpertRow | OrganizationRow | null, query: string): HighlightRow[] {
  if (!row) return [];
  const words = parseSearchQuery(query).nameWords.flatMap((w) => w.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  const name = nameHighlight("name", row.name, words);
  if (name) return [name];
  return row.aliases.map((alias) => nameHighlight("aliases", alias, words)).filter((h): h is HighlightRow => h != null);
}

export type HighlightedType = TextType | "Expert" | "Organization";

/**
 * The highlights of one row for one search, through a per-request loader per type and query: all
 * rows of a page are highlighted by one statement (ts_headline runs only on them).
 */
export function highlightsOf(ctx: Context, type: HighlightedType, dbId: string, query: string): Promise<HighlightRow[]> {
  if (type === "Expert") return ctx.loaders.get("expertById").load(dbId).then((row) => namedHighlights(row, query));
  if (type === "Organization") return ctx.loaders.get("organizationById").load(dbId).then((row) => namedHighlights(row, query));
  return ctx.loaders
    .keyed(`highlights:${type}:${query}`, () => new DataLoader<string, HighlightRow[]>((ids) => textHighlights(ctx, type, query, ids)))
    .load(dbId);
}
