import { parseDocument, type Format } from "../document";
import { extractEntities } from "./entities";
import { extractEvents } from "./events";
import type { Extraction, RawArticle } from "./types";

export type { Extraction, RawArticle } from "./types";

/**
 * Turns one raw article into its structure: the document's parts, then the quotes, people,
 * organizations and places in the body, then the events those take part in. Pure and
 * synchronous: no database, no network.
 */
export function extract(raw: RawArticle, format: Format = raw.html != null ? "html" : "text"): Extraction {
  const article = parseDocument(raw, format);
  const entities = extractEntities(article);
  const events = extractEvents(article, entities);
  return { article, ...entities, events };
}
