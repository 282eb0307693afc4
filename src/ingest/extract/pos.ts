import { compromise } from "./lexicon";
import type { Segment } from "./segments";

/**
 * Part-of-speech tags from compromise's tagger for a few tokens of a segment: the clause an
 * attribution rule reads (a subject noun phrase, an appositive, a relative clause). Tagging a whole
 * article costs 50–300 ms, one clause about a millisecond, so only the clauses a rule asks about are
 * tagged, each once per segment.
 */
const cache = new WeakMap<Segment, Map<string, string[][]>>();

/** compromise's tags ("Noun", "Preposition", "Gerund", …) for each token of [first, last), read as one text. */
export function posTags(segment: Segment, first: number, last: number): string[][] {
  if (last <= first) return [];
  let bySpan = cache.get(segment);
  if (!bySpan) cache.set(segment, (bySpan = new Map()));
  const key = `${first}:${last}`;
  const known = bySpan.get(key);
  if (known) return known;
  const { tokens } = segment;
  const from = tokens[first]!.start;
  const text = segment.text.slice(from, tokens[last - 1]!.end);
  const terms = (compromise()(text).json({ offset: true }) as Array<{ terms: Array<{ tags: string[]; offset: { start: number; length: number } }> }>).flatMap((s) => s.terms);
  const out: string[][] = [];
  let t = 0;
  for (let k = first; k < last; k++) {
    const start = tokens[k]!.start - from;
    while (t < terms.length && terms[t]!.offset.start + terms[t]!.offset.length <= start) t++;
    const term = terms[t];
    // Punctuation is no term of compromise's: it sits between terms (or a term's "’s" is our own token).
    out.push(term && term.offset.start <= start ? term.tags : []);
  }
  bySpan.set(key, out);
  return out;
}
