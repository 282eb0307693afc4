import type { ExtractedOrganization, ExtractedPerson, ExtractedPlace, ExtractedQuote, ParsedDocument } from "./types";

export interface Entities {
  quotes: ExtractedQuote[];
  people: ExtractedPerson[];
  organizations: ExtractedOrganization[];
  places: ExtractedPlace[];
}

/** Quotes with their speakers, and the people, organizations and places the body names. (Being written: see issue 4.) */
export function extractEntities(_doc: ParsedDocument): Entities {
  return { quotes: [], people: [], organizations: [], places: [] };
}
