import { createHash } from "node:crypto";

/**
 * The key of an article imported without a canonical URL (a .txt file, an HTML page with no
 * canonical link): `urn:newsgraph:text:` and the SHA-256, in hex, of the normalized body and the
 * publisher. Normalized: Unicode NFC, every run of white space one space, trimmed; the publisher
 * lower-cased and trimmed (empty when none). The same file with the same publisher always gets
 * the same key, so importing it again reports UNCHANGED; a different body is a different article.
 */
export const CONTENT_KEY = /^urn:newsgraph:text:[0-9a-f]{64}$/;

export function contentKey(body: string, publisher: string | null | undefined): string {
  const text = body.normalize("NFC").replace(/\s+/g, " ").trim();
  const by = (publisher ?? "").normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  return `urn:newsgraph:text:${createHash("sha256").update(`${text}\n${by}`).digest("hex")}`;
}

export const isContentKey = (value: unknown): boolean => typeof value === "string" && CONTENT_KEY.test(value);
