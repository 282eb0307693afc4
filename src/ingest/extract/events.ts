import type { Entities } from "./entities";
import type { ExtractedEvent, ParsedDocument } from "./types";

/** Events the article reports, with dates resolved against the publication date. (Being written: see issue 4.) */
export function extractEvents(_doc: ParsedDocument, _found: Entities): ExtractedEvent[] {
  return [];
}
