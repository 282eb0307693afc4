import type { ArticleInput } from "../article/article-write.inputs";
import type { Queryable } from "../common/sql";

function fold(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[.'’]/g, "").replace(/[\s-]+/g, " ").trim();
}

/** Edit distance with transpositions (optimal string alignment), capped: returns cap + 1 once beyond it. */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * True when `written` is a misspelling of `known`: the same number of words, at least one word the
 * same, and each other word starting with the same letter and at most one letter off when the longer
 * of the two has six letters or more (two from nine). Shorter words must match exactly, so "Joan Smith" is not
 * "John Smith", while "Xi Jingping" is "Xi Jinping".
 */
export function isSpellingOf(written: string, known: string): boolean {
  const a = fold(written).split(" ");
  const b = fold(known).split(" ");
  if (a.length !== b.length || a.length < 2) return false;
  let same = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) {
      same++;
      continue;
    }
    const longer = Math.max(x.length, y.length);
    const allowed = longer >= 9 ? 2 : longer >= 6 ? 1 : 0;
    if (!allowed || x[0] !== y[0] || distance(x, y, allowed) > allowed) return false;
  }
  return same > 0 && same < a.length;
}

/**
 * For person names that match no expert's name or alias, the known expert each is a misspelling
 * of, in one statement for any number of names (trigram-indexed candidates, then
 * {@link isSpellingOf}).
 */
export async function knownSpellings(db: Queryable, names: readonly string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(names)];
  const out = new Map<string, string>();
  if (!distinct.length) return out;
  const rows = await db.query<Array<{ name: string; known: string }>>(
    `SELECT q.n AS name, e.name AS known
       FROM unnest($1::text[]) AS q(n)
       JOIN expert e ON newsgraph_names(e.name, e.aliases) % lower(q.n)
      WHERE NOT EXISTS (SELECT 1 FROM expert x WHERE x.name_keys @> ARRAY[newsgraph_name_key(q.n)])
      ORDER BY q.n, similarity(newsgraph_names(e.name, e.aliases), lower(q.n)) DESC, e.created_at`,
    [distinct],
  );
  for (const r of rows) if (!out.has(r.name) && isSpellingOf(r.name, r.known)) out.set(r.name, r.known);
  return out;
}

/** Rewrites, in place, the person names in extracted articles that misspell a known expert's name. */
export async function useKnownSpellings(db: Queryable, inputs: readonly ArticleInput[]): Promise<void> {
  const refs = inputs.flatMap((input) => [
    ...(input.quotes ?? []).map((q) => q.speaker),
    ...(input.mentions?.people ?? []),
    ...(input.events ?? []).flatMap((e) => e.participants ?? []),
  ]);
  const spellings = await knownSpellings(
    db,
    refs.flatMap((r) => (r?.name ? [r.name] : [])),
  );
  if (!spellings.size) return;
  for (const r of refs) if (r?.name && spellings.has(r.name)) r.name = spellings.get(r.name)!;
}
