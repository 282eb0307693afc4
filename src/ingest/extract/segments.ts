import { capSpans, paragraphIndex, tokenize, type CapSpan, type Token } from "./text";

/**
 * One piece of text the extractor reads: the body, or a photo caption. Mentions found in a
 * caption keep null offsets and say which caption in `source`.
 */
export interface Segment {
  text: string;
  tokens: Token[];
  spans: CapSpan[];
  /** null for the body; "images[0].caption" for a caption. */
  source: string | null;
  /** Token indices already claimed by a person, organization or place mention. */
  claimed: Set<number>;
}

/** A mention of something in a segment: tokens [first, last). */
export interface Mention {
  segment: Segment;
  first: number;
  last: number;
}

/** Tokenizes a text into a segment (paragraphs of a body are separated by blank lines). */
export function makeSegment(text: string, source: string | null): Segment {
  const paragraphs = paragraphIndex(text);
  const tokens = tokenize(text, paragraphs.of);
  return { text, tokens, spans: capSpans(tokens), source, claimed: new Set() };
}

/** The text a mention covers. */
export function mentionText(m: Mention): string {
  return m.segment.text.slice(m.segment.tokens[m.first]!.start, m.segment.tokens[m.last - 1]!.end);
}

/** Body offsets of a mention, or nulls and the caption it came from. */
export function mentionProvenance(m: Mention): { startOffset: number | null; endOffset: number | null; source?: string } {
  if (m.segment.source != null) return { startOffset: null, endOffset: null, source: m.segment.source };
  return { startOffset: m.segment.tokens[m.first]!.start, endOffset: m.segment.tokens[m.last - 1]!.end };
}

/** Marks tokens [first, last) as belonging to a mention. */
export function claim(segment: Segment, first: number, last: number): void {
  for (let i = first; i < last; i++) segment.claimed.add(i);
}

/** Whether any token of [first, last) is already claimed. */
export function isClaimed(segment: Segment, first: number, last: number): boolean {
  for (let i = first; i < last; i++) if (segment.claimed.has(i)) return true;
  return false;
}
