/** One word or punctuation mark of a text, with its offsets. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (or caption) the token is in. */
  paragraph: number;
  /** Starts with a capital letter (or is an initialism such as "U.S."). */
  cap: boolean;
  /** First word of a sentence, where capitals prove nothing. */
  sentenceStart: boolean;
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof gen brig lt col maj capt adm sgt cmdr sen sens rep reps gov st jr sr inc corp co ltd vs etc jan feb mar apr jun " +
    "jul aug sep sept oct nov dec mt ft rev fr msgr gens est approx dept univ supt atty det insp"
  ).split(/\s+/),
);

const OPENING_MARKS = "“„«‘\"'";
const CLOSING_MARKS = "”»’\"'";

const TOKEN = /(?:\p{L}\.){2,}|\p{Lu}\.(?=\s+\p{Lu})|[\p{L}\p{N}]+(?:[-'’&][\p{L}\p{N}]+)*\.?|\S/gu;

/** Splits text into tokens; a possessive "’s" becomes its own token, and a word keeps its period only when it is an abbreviation. */
export function tokenize(text: string, paragraphOf: (offset: number) => number = () => 0): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  let paragraph = -1;
  for (const m of text.matchAll(TOKEN)) {
    let word = m[0];
    const start = m.index!;
    const p = paragraphOf(start);
    if (p !== paragraph) {
      paragraph = p;
      sentenceStart = true;
    }
    const push = (w: string, s: number): void => {
      const cap = /^\p{Lu}/u.test(w);
      tokens.push({ text: w, start: s, end: s + w.length, paragraph, cap, sentenceStart });
      if (/^[.!?]$/.test(w)) sentenceStart = true;
      else if (!OPENING_MARKS.includes(w) && !CLOSING_MARKS.includes(w) && w !== "(") sentenceStart = false;
    };
    if (word.endsWith(".") && !/^(?:\p{L}\.){2,}$/u.test(word) && !/^\p{Lu}\.$/u.test(word)) {
      const bare = word.slice(0, -1);
      if (!ABBREVIATIONS.has(bare.toLowerCase())) {
        word = bare;
        pushPossessive(word, start, push);
        push(".", start + bare.length);
        continue;
      }
    }
    pushPossessive(word, start, push);
  }
  return tokens;
}

function pushPossessive(word: string, start: number, push: (w: string, s: number) => void): void {
  const possessive = /^(.+?)(['’]s)$/u.exec(word);
  if (possessive && possessive[1]!.length > 1) {
    push(possessive[1]!, start);
    push(possessive[2]!, start + possessive[1]!.length);
  } else push(word, start);
}

/** Whether the text writes a word as a brand, with ® or ™ after it ("Zentrix®", "Maria Santos® Home"): a product, never a person. */
export function isBrand(text: string, word: string): boolean {
  if (!/[®™]/.test(text)) return false;
  const at = (from: number): number => text.indexOf(word, from);
  for (let i = at(0); i >= 0; i = at(i + 1)) if (/^\s?[®™]/.test(text.slice(i + word.length, i + word.length + 2))) return true;
  return false;
}

/** A token that reads as a capitalised word of a name ("Kim", "Jong-un", "U.S.", "J."). */
export function isNameWord(t: Token): boolean {
  return t.cap && /^\p{Lu}[\p{L}\p{N}'’.&-]*$/u.test(t.text);
}

/** Lower-case words that may sit inside a name: "Institute of Peace", "Ludwig van Beethoven". */
const NAME_CONNECTORS = new Set(["of", "for", "de", "da", "del", "della", "van", "von", "der", "bin", "al", "la", "le", "du", "dos", "den", "ter", "di", "el", "zu", "das", "binti", "the", "and", "&"]);

/** Heads of bodies whose names go on with "on …": "Authority on Development", "Panel on Climate Change". */
const ON_HEADS = new Set(["authority", "panel", "committee", "commission", "convention", "conference", "council", "subcommittee", "task", "force", "forum", "treaty", "board"]);
const CALENDAR_WORDS = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?$|^(?:january|february|march|april|june|july|august|september|october|november|december)$/i;

/** A run of capitalised tokens, the raw material of names of people, organizations and places. */
export interface CapSpan {
  first: number;
  /** Index after the last token. */
  last: number;
}

/**
 * Runs of capitalised tokens (with "of", "van", "bin"... inside them), never across punctuation
 * or a possessive. "the"/"and" join only when a name word of an organization follows them
 * ("Department of the Interior"), which the caller decides; here they join when a capital follows.
 */
export function capSpans(tokens: Token[]): CapSpan[] {
  const spans: CapSpan[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameWord(tokens[i]!)) {
      i++;
      continue;
    }
    const first = i;
    let last = i + 1;
    while (last < tokens.length) {
      const t = tokens[last]!;
      if (t.paragraph !== tokens[first]!.paragraph) break;
      if (isNameWord(t)) {
        last++;
        continue;
      }
      const lower = t.text.toLowerCase();
      // "Intergovernmental Panel on Climate Change", "Committee on Foreign Relations": "on" joins
      // only after a body's head noun, and never before a day or a month ("the Commission on Monday").
      if (lower === "on" && ON_HEADS.has(tokens[last - 1]!.text.toLowerCase()) && tokens[last + 1] && isNameWord(tokens[last + 1]!) && tokens[last + 1]!.paragraph === t.paragraph && !CALENDAR_WORDS.test(tokens[last + 1]!.text)) {
        last += 2;
        continue;
      }
      if (NAME_CONNECTORS.has(lower) && lower !== "and" && lower !== "the") {
        let j = last + 1;
        if (tokens[j]?.text.toLowerCase() === "the") j++;
        // "Marta van der Berg", "Ana de la Cruz": particles in a row.
        else if (lower !== "of" && lower !== "for" && tokens[j] && NAME_CONNECTORS.has(tokens[j]!.text) && !/^(?:of|for|the|and|&)$/.test(tokens[j]!.text)) j++;
        if (tokens[j] && isNameWord(tokens[j]!) && tokens[j]!.paragraph === t.paragraph) {
          last = j + 1;
          continue;
        }
      }
      break;
    }
    spans.push({ first, last });
    i = last;
  }
  return spans;
}

/** The text of tokens [first, last) as the source writes it. */
export function spanText(text: string, tokens: Token[], first: number, last: number): string {
  return text.slice(tokens[first]!.start, tokens[last - 1]!.end);
}

/** Folds case, diacritics, quotation marks, dashes and spaces, for comparing names and quotes. */
export function fold(s: string): string {
  // The registries fold the same names again and again: remember the last few thousand.
  const known = FOLDED.get(s);
  if (known !== undefined) return known;
  if (FOLDED.size > 5000) FOLDED.clear();
  const folded = foldNow(s);
  FOLDED.set(s, folded);
  return folded;
}

const FOLDED = new Map<string, string>();

function foldNow(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[“”„«»"]/g, '"')
    .replace(/[‘’`´]/g, "'")
    .replace(/[‐‑‒–—―-]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Paragraph start offsets of a "\n\n"-joined body, and a lookup from offset to paragraph index. */
export function paragraphIndex(body: string): { starts: number[]; of: (offset: number) => number } {
  const starts = [0];
  for (const m of body.matchAll(/\n\s*\n/g)) starts.push(m.index! + m[0].length);
  const of = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return { starts, of };
}
