import { searchTerm } from "../common/search";

/** A `search(query:)` argument, read once: the full-text query as given and the words a name may match. */
export interface SearchQuery {
  /** The query as typed (trimmed), for websearch_to_tsquery. */
  text: string;
  /**
   * The words that may name someone: phrases unquoted, `-excluded` words and `or` dropped,
   * lower-case, at most 200 characters; null when none are left.
   */
  names: string | null;
  /** The same words one by one, for marking names in highlights. */
  nameWords: string[];
}

const MAX_NAME_TERM = 200;

/** Parses and checks a search argument; BAD_USER_INPUT naming `argument` when empty or too long. */
export function parseSearchQuery(value: string, argument = "query"): SearchQuery {
  const text = searchTerm(value, argument);
  const words: string[] = [];
  for (const token of text.match(/"[^"]*"?|\S+/g) ?? []) {
    if (token.startsWith("-")) continue;
    if (token.toLowerCase() === "or") continue;
    for (const w of token.replace(/"/g, " ").split(/\s+/)) {
      // Letters, digits and the joiners names use ("Leif-Eric", "O'Hanlon"); the rest is punctuation.
      const word = w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (word) words.push(word);
    }
  }
  let names = "";
  const nameWords: string[] = [];
  for (const w of words) {
    if (names.length + w.length + 1 > MAX_NAME_TERM) break;
    names = names ? `${names} ${w}` : w;
    nameWords.push(w);
  }
  return { text, names: names || null, nameWords };
}
