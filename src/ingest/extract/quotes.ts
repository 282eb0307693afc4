/** A passage between quotation marks, possibly running over several paragraphs. */
export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or null when the paragraph ended first. */
  close: number | null;
  /** The quoted words of each paragraph, without marks. */
  pieces: Array<{ start: number; end: number }>;
  /** The quoted words, marks and the sentence's closing comma removed, pieces joined by a space. */
  text: string;
  startOffset: number;
  endOffset: number;
  /** A transcript turn's speaker label ("MARA VOSS:", "Tom Reyes: “…”"): offsets of the name before the colon. */
  label?: { start: number; end: number };
}

const OPENERS = "“„«";
const CLOSERS = "”»";

function isSpace(c: string | undefined): boolean {
  return c == null || /\s/.test(c);
}

/**
 * Finds double-quoted passages: curly, straight and mixed marks (“ … "), a straight mark reading
 * as opening or closing by the characters around it. A paragraph that ends inside a quotation
 * continues into the next one when that opens with a quotation mark (the newspaper convention);
 * otherwise the quotation ends with its paragraph. Quotations in single marks outside those
 * passages (British style) are found too: see findSingleQuoteSpans.
 */
export function findQuoteSpans(body: string, paragraphStarts: number[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let current: { open: number; pieces: Array<{ start: number; end: number }>; pieceStart: number; glued?: boolean; inner?: boolean } | null = null;
  const finish = (close: number | null, end: number): void => {
    if (!current) return;
    current.pieces.push({ start: current.pieceStart, end });
    const span = makeSpan(body, current.open, close, current.pieces);
    if (span) spans.push(span);
    current = null;
  };
  for (let p = 0; p < paragraphStarts.length; p++) {
    const start = paragraphStarts[p]!;
    const end = p + 1 < paragraphStarts.length ? body.lastIndexOf("\n\n", paragraphStarts[p + 1]! - 1) : body.length;
    const paragraphEnd = end < start ? body.length : end;
    let k = start;
    if (current) {
      const first = body[k];
      if (first && (OPENERS.includes(first) || first === '"' || first === "″")) {
        current.pieceStart = k + 1;
        k++;
      } else if (closesWithoutOpening(body, start, paragraphEnd)) {
        // `said: “It was a tough game.` then `I am so proud of them.”`: a paragraph whose first mark
        // closes goes on with the quotation left open, its opening mark forgotten.
        current.pieceStart = k;
      } else finish(null, current.pieces.length ? current.pieces[current.pieces.length - 1]!.end : current.pieceStart);
    }
    for (; k < paragraphEnd; k++) {
      // A double prime (″) set for a quotation mark reads like a straight one: by the characters around it (12″ stays a measure).
      const c = body[k] === "″" ? '"' : body[k]!;
      if (OPENERS.includes(c)) {
        if (current) finish(null, k);
        current = { open: k, pieces: [], pieceStart: k + 1 };
      } else if (CLOSERS.includes(c)) {
        if (current) finish(k, k);
        // A closing mark set where an opening one belongs (`said:” We…`, or a paragraph opening with ”):
        // nothing is open, nothing but a space, a colon or the paragraph's start before it, words after it.
        else if (opensAsCloser(body, k, start)) current = { open: k, pieces: [], pieceStart: k + 1 };
      } else if (c === '"') {
        const before = body[k - 1];
        const after = body[k + 1];
        // Paragraphs glued by the page (`…a strong group."You don't…`): a mark between the end of one
        // sentence and the capital opening the next closes one quotation and opens the next.
        const glued = !isSpace(before) && /[.!?…]/.test(before!) && /\p{Lu}/u.test(after ?? "");
        // “We said "no" to them,” she said: inside a curly quotation, straight marks around a word quote within the quote.
        if (current?.inner) {
          if (!isSpace(before)) current.inner = false;
          continue;
        }
        if (current && body[current.open] !== '"' && isSpace(before) && /[\p{L}\p{N}]/u.test(after ?? "") && innerCloses(body, k + 1, paragraphEnd)) {
          current.inner = true;
          continue;
        }
        if (current && !isSpace(before)) {
          finish(k, k);
          if (glued) current = { open: k, pieces: [], pieceStart: k + 1, glued: true };
        } else if (current?.glued && isSpace(before) && !isSpace(after)) {
          // The glued "opening" was the writer's next sentence (`…too strong."Ending the game…, but Dyche
          // said: "It's…`): this mark, after a space, is the real opening.
          current = { open: k, pieces: [], pieceStart: k + 1 };
        } else if (!current && (glued || ((isSpace(before) || /[([{—–:-]/.test(before!)) && !isSpace(after)))) current = { open: k, pieces: [], pieceStart: k + 1 };
        else if (current) finish(k, k);
      }
    }
    if (current) {
      const c: { open: number; pieces: Array<{ start: number; end: number }>; pieceStart: number } = current;
      c.pieces.push({ start: c.pieceStart, end: paragraphEnd });
      c.pieceStart = -1;
    }
  }
  if (current) {
    const c: { open: number; pieces: Array<{ start: number; end: number }>; pieceStart: number } = current;
    const span = makeSpan(body, c.open, null, c.pieces);
    // An excerpt cut inside a quotation ("…who can FOIA t"): open at the end of the text and not at
    // the end of a sentence, the words are not all there; a quotation merely left unclosed ends a sentence.
    if (span && /[.!?…)\]]$/u.test(body.slice(span.startOffset, span.endOffset).trimEnd())) spans.push(span);
  }
  const singles = findSingleQuoteSpans(body, paragraphStarts, spans);
  const marked = singles.length ? [...spans, ...singles].sort((a, b) => a.open - b.open) : spans;
  return withTranscriptTurns(body, paragraphStarts, marked);
}

/** Whether the first double quotation mark of a paragraph is a closing one (curly, or straight after a word and before a space or the end). */
function closesWithoutOpening(body: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = body[k]!;
    if (OPENERS.includes(c)) return false;
    if (CLOSERS.includes(c)) return k > start && !isSpace(body[k - 1]);
    if (c === '"' || c === "″") return k > start && !isSpace(body[k - 1]) && (k + 1 >= end || isSpace(body[k + 1]) || /[\p{P}]/u.test(body[k + 1]!));
  }
  return false;
}

/** Whether a straight mark closes, later in the paragraph, a quote within the quote opened before `from`, with the curly quotation's own close after it. */
function innerCloses(body: string, from: number, paragraphEnd: number): boolean {
  const rest = body.slice(from, paragraphEnd);
  const inner = /[^\s"]"(?=[\s\p{P}])/u.exec(rest);
  return inner != null && /[”]/u.test(rest.slice(inner.index + 2));
}

/** Whether a closing mark at k opens a quotation: after a space, a colon or the paragraph's start, before a word (or a space and a capital). */
function opensAsCloser(body: string, k: number, paragraphStart: number): boolean {
  const before = body[k - 1];
  if (!(k === paragraphStart || isSpace(before) || before === ":")) return false;
  return /^(?:[\p{L}\p{N}]|[ \t]\p{Lu})/u.test(body.slice(k + 1, k + 3));
}

/** A speaker label opening a turn: one to six capitalised words (or a name in capitals), a colon, the words. */
const LABEL = /^((?:\p{Lu}[\p{L}.'’-]*)(?:[ \t]+(?:\p{Lu}[\p{L}.'’-]*|of|for|de|al|bin)){0,6}):[ \t]+(?=\S)/u;
/** Labels that head a section or a list rather than name a speaker. */
const NOT_LABELS = /\b(?:transcript|update|updated|note|related|watch|read|listen|photo|video|source|sources|editor|editors|correction|disclaimer|warning|breaking|live|read more|see also|tags?)\b/i;
/** A turn in capitals glued to the previous one on the same line: "…you faced?    CONDOLEEZZA RICE: Well…". */
const GLUED_TURN = /\s{2,}(\p{Lu}[\p{Lu}.'’-]+(?:[ \t]+\p{Lu}[\p{Lu}.'’-]+){0,4}):[ \t]+/gu;

function isCapitalsLabel(label: string): boolean {
  return /\p{Lu}{2}/u.test(label) && label === label.toUpperCase();
}

/**
 * Transcript turns: a paragraph that opens with a speaker label (`Tom Reyes: “We lost the plot.”`,
 * `MARA VOSS: Thanks for coming in.`). A label before a quotation mark marks that quotation with its
 * speaker. Words without marks are a quotation when the label is in capitals (the transcript
 * convention) or when at least two paragraphs open with such a label (an interview); a turn glued to
 * the previous one on its line (two spaces, a label in capitals) is its own turn. Quotation marks
 * inside an unmarked turn quote someone else within the speaker's words: no quotation of their own.
 */
function withTranscriptTurns(body: string, paragraphStarts: number[], spans: QuoteSpan[]): QuoteSpan[] {
  interface Turn {
    label: { start: number; end: number };
    start: number;
    end: number;
    paragraph: number;
    /** Paragraphs after the turn's own that carry on its words (no label of their own, another turn after them). */
    more: Array<{ start: number; end: number }>;
  }
  const turns: Turn[] = [];
  for (let p = 0; p < paragraphStarts.length; p++) {
    const start = paragraphStarts[p]!;
    const next = p + 1 < paragraphStarts.length ? body.lastIndexOf("\n\n", paragraphStarts[p + 1]! - 1) : body.length;
    const end = next < start ? body.length : next;
    const paragraph = body.slice(start, end);
    const m = LABEL.exec(paragraph);
    if (!m || NOT_LABELS.test(m[1]!) || m[1]!.replace(/[^\p{L}]/gu, "").length < 2) continue;
    const words = paragraph.slice(m[0].length);
    if (!/[.!?…"”’)]\s*$/u.test(words) && !/^[“"‘]/u.test(words)) continue;
    turns.push({ label: { start, end: start + m[1]!.length }, start: start + m[0].length, end, paragraph: p, more: [] });
  }
  // "PM: Minister Ludwig is addressing this. …" then "So the minister will deal with it." then
  // "JOURNALIST: …": a paragraph between two turns, without a label or marks, is the first one's.
  for (let i = 0; i + 1 < turns.length; i++) {
    const t = turns[i]!;
    for (let q = t.paragraph + 1; q < turns[i + 1]!.paragraph; q++) {
      const start = paragraphStarts[q]!;
      const next = q + 1 < paragraphStarts.length ? body.lastIndexOf("\n\n", paragraphStarts[q + 1]! - 1) : body.length;
      const end = next < start ? body.length : next;
      if (/[“”"‘]/u.test(body.slice(start, end))) break;
      t.more.push({ start, end });
    }
  }
  const marked = (t: Turn): boolean => /^[“"‘']/u.test(body[t.start]!);
  const unmarkedTurns = turns.filter((t) => !marked(t));
  const interview = unmarkedTurns.length >= 2;
  const out: QuoteSpan[] = [];
  const own: QuoteSpan[] = [];
  for (const t of turns) {
    const labelText = body.slice(t.label.start, t.label.end);
    if (marked(t)) {
      const span = spans.find((s) => s.open === t.start);
      if (span) span.label = t.label;
      continue;
    }
    if (!interview && !isCapitalsLabel(labelText)) continue;
    // "…you faced?    CONDOLEEZZA RICE: Well…": two turns on one line.
    const text = body.slice(t.start, t.end);
    const cuts: Array<{ label: { start: number; end: number }; start: number }> = [{ label: t.label, start: t.start }];
    for (const g of text.matchAll(GLUED_TURN)) {
      const at = t.start + g.index!;
      const labelStart = at + g[0].indexOf(g[1]!);
      cuts.push({ label: { start: labelStart, end: labelStart + g[1]!.length }, start: at + g[0].length });
    }
    for (let i = 0; i < cuts.length; i++) {
      const c = cuts[i]!;
      const last = i + 1 === cuts.length;
      const stop = last ? t.end : cuts[i + 1]!.label.start;
      const span = makeSpan(body, c.start - 1, stop, [{ start: c.start, end: stop }, ...(last ? t.more : [])]);
      if (span) own.push({ ...span, open: c.start, label: c.label });
    }
  }
  if (!own.length) return spans;
  const inside = (s: QuoteSpan): boolean => own.some((o) => s.open >= o.startOffset && s.open < o.endOffset);
  out.push(...spans.filter((s) => !inside(s)), ...own);
  return out.sort((a, b) => a.open - b.open);
}

/** A straight or curly single mark that can open a quotation at k: after a space or an opening bracket or dash, before a letter. */
function opensSingle(body: string, k: number): boolean {
  const c = body[k];
  if (c !== "‘" && c !== "'") return false;
  const before = body[k - 1];
  const after = body[k + 1];
  if (!(isSpace(before) || /[([{—–:“"-]/.test(before!))) return false;
  // A straight mark before a digit is an elision ('90s), not a quotation.
  return after != null && (c === "‘" ? !isSpace(after) : /[\p{L}]/u.test(after));
}

/** A single mark that can close a quotation at k: after a word or punctuation, not inside a word (an apostrophe: there’s, wasn't). */
function closesSingle(body: string, k: number): boolean {
  const c = body[k];
  if (c !== "’" && c !== "'") return false;
  return !isSpace(body[k - 1]) && !/[\p{L}\p{N}]/u.test(body[k + 1] ?? "");
}

/**
 * Finds quotations in single marks (‘…’, '…', the British convention) outside the double-quoted
 * passages, where single marks are quotes within quotes. An apostrophe reads as a closing mark
 * only at the end of a word; a plural possessive (“the drivers' cars”) is passed over when the
 * paragraph closes the quotation later. A quotation left open at the end of its paragraph continues
 * only when the next paragraph opens with a single mark; otherwise it was no quotation.
 */
function findSingleQuoteSpans(body: string, paragraphStarts: number[], doubles: QuoteSpan[]): QuoteSpan[] {
  if (!body.includes("‘") && !body.includes("'")) return [];
  const inside = (k: number): boolean => doubles.some((d) => k >= d.open && k <= (d.close ?? d.endOffset));
  const spans: QuoteSpan[] = [];
  let current: { open: number; pieces: Array<{ start: number; end: number }>; pieceStart: number } | null = null;
  for (let p = 0; p < paragraphStarts.length; p++) {
    const start = paragraphStarts[p]!;
    const next = p + 1 < paragraphStarts.length ? body.lastIndexOf("\n\n", paragraphStarts[p + 1]! - 1) : body.length;
    const paragraphEnd = next < start ? body.length : next;
    let k = start;
    if (current) {
      if (opensSingle(body, k) && !inside(k)) {
        current.pieceStart = k + 1;
        k++;
      } else if (closesSingleFirst(body, start, paragraphEnd, inside)) {
        // A paragraph whose first mark closes a sentence goes on with the quotation left open.
        current.pieceStart = k;
      } else {
        // Left open at the end of a sentence (`said: ‘It was a tough game.` and no more): it ends with its paragraph.
        const last = current.pieces[current.pieces.length - 1];
        const span = last && /[.!?…]$/u.test(body.slice(last.start, last.end).trimEnd()) ? makeSpan(body, current.open, null, current.pieces) : null;
        if (span) spans.push(span);
        current = null;
      }
    }
    for (; k < paragraphEnd; k++) {
      if (inside(k)) continue;
      if (!current) {
        if (opensSingle(body, k)) current = { open: k, pieces: [], pieceStart: k + 1 };
        continue;
      }
      if (!closesSingle(body, k)) continue;
      if (body[k - 1] === "s" && /^\s\p{Ll}/u.test(body.slice(k + 1, k + 3))) {
        let later = false;
        for (let j = k + 1; j < paragraphEnd && !later; j++) later = closesSingle(body, j) && !inside(j);
        if (later) continue;
      }
      current.pieces.push({ start: current.pieceStart, end: k });
      const span = makeSpan(body, current.open, k, current.pieces);
      if (span) spans.push(span);
      current = null;
    }
    if (current) {
      current.pieces.push({ start: current.pieceStart, end: paragraphEnd });
      current.pieceStart = -1;
    }
  }
  return spans;
}

/** Whether the first single mark of a paragraph closes a sentence (`…travelled.’`) before any mark opens. */
function closesSingleFirst(body: string, start: number, end: number, inside: (k: number) => boolean): boolean {
  for (let k = start; k < end; k++) {
    if (inside(k)) return false;
    if (opensSingle(body, k)) return false;
    if (closesSingle(body, k)) return /[.!?…,]/u.test(body[k - 1] ?? "");
  }
  return false;
}

/**
 * One quotation from two spans split by their attribution: `“We will appeal,” she said. “The
 * ruling ignores the evidence.”`. The second must open the next sentence of the same paragraph,
 * and the words between must be one lower-case attribution clause (", she said.", " said Lee, the
 * counsel."); whether that clause is the only attribution is the caller's to know. The result
 * keeps both spans' pieces; its text joins them, with the first one's closing comma.
 */
export function mergeSplitQuotation(body: string, a: QuoteSpan, b: QuoteSpan): QuoteSpan | null {
  if (a.close == null || b.open <= a.close) return null;
  const between = body.slice(a.close + 1, b.open);
  if (between.includes("\n")) return null;
  // The first span stopped at a comma (or a dash), not at the end of its sentence.
  const closing = body.slice(a.pieces[a.pieces.length - 1]!.end, a.close);
  if (!/[,—–-]\s*$/.test(closing) && !/^\s*[,—–-]/.test(between)) return null;
  if (!/^\s*[,—–-]?\s*[^.!?“”"‘]{2,160}?[.]\s+$/u.test(between)) return null;
  const words = between.replace(/^\s*[,—–-]?\s*/, "");
  if (!/^(?:\p{Ll}|(?:\p{Lu}[\p{L}’'.-]*\s+){1,4}\p{Ll})/u.test(words)) return null;
  const pieces = [...a.pieces, ...b.pieces];
  // Inside the quotation the comma is the speaker's again: “It is late, Today we go.”
  const comma = /^[,;]/.test(closing.trimStart()) ? closing.trim()[0] : "";
  return { open: a.open, close: b.close, pieces, text: `${a.text}${comma} ${b.text}`, startOffset: a.startOffset, endOffset: b.endOffset };
}

function makeSpan(body: string, open: number, close: number | null, raw: Array<{ start: number; end: number }>): QuoteSpan | null {
  const pieces = raw
    .filter((p) => p.start >= 0 && p.end > p.start)
    .map((p) => {
      let s = p.start;
      let e = p.end;
      while (s < e && /\s/.test(body[s]!)) s++;
      while (e > s && /\s/.test(body[e - 1]!)) e--;
      return { start: s, end: e };
    })
    .filter((p) => p.end > p.start);
  if (!pieces.length) return null;
  const last = pieces[pieces.length - 1]!;
  // The comma before the closing mark belongs to the writer's sentence, not to the speaker.
  while (last.end > last.start && /[,;:\s]/.test(body[last.end - 1]!)) last.end--;
  if (last.end <= last.start) return null;
  const text = pieces.map((p) => body.slice(p.start, p.end)).join(" ");
  return { open, close, pieces, text, startOffset: pieces[0]!.start, endOffset: last.end };
}
