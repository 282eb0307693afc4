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
 * otherwise the quotation ends with its paragraph.
 */
export function findQuoteSpans(body: string, paragraphStarts: number[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let current: { open: number; pieces: Array<{ start: number; end: number }>; pieceStart: number } | null = null;
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
      if (first && (OPENERS.includes(first) || first === '"')) {
        current.pieceStart = k + 1;
        k++;
      } else finish(null, current.pieces.length ? current.pieces[current.pieces.length - 1]!.end : current.pieceStart);
    }
    for (; k < paragraphEnd; k++) {
      const c = body[k]!;
      if (OPENERS.includes(c)) {
        if (current) finish(null, k);
        current = { open: k, pieces: [], pieceStart: k + 1 };
      } else if (CLOSERS.includes(c)) {
        if (current) finish(k, k);
      } else if (c === '"') {
        const before = body[k - 1];
        const after = body[k + 1];
        if (current && !isSpace(before)) finish(k, k);
        else if (!current && (isSpace(before) || /[([{—–-]/.test(before!)) && !isSpace(after)) current = { open: k, pieces: [], pieceStart: k + 1 };
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
    if (span) spans.push(span);
  }
  return spans;
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
