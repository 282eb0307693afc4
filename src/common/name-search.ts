import { searchTerm } from "./search";
import type { SqlParams } from "./sql";

/**
 * Typo-tolerant name search over `newsgraph_names(name, aliases)` (trigram-indexed): a substring
 * match, or a word similarity above pg_trgm's threshold ("Easly" finds "Leif-Eric Easley").
 * Returns the WHERE condition and the relevance expression.
 */
export function nameSearch(alias: string, search: string, argument: string, p: SqlParams): { condition: string; relevance: string } {
  const term = searchTerm(search, argument, 200).toLowerCase();
  const names = `newsgraph_names(${alias}.name, ${alias}.aliases)`;
  const q = p.add(term);
  const like = p.add(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return {
    condition: `${names} LIKE ${like} OR ${q} <% ${names}`,
    relevance: `word_similarity(${q}, ${names})`,
  };
}
