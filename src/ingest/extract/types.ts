import type { DatePrecision, EventKind, EventStatus } from "../../event/event.entity";
import type { OrganizationKind } from "../../organization/organization.entity";
import type { PlaceKind } from "../../place/place.entity";

/**
 * The shapes the extractor produces. They are plain JSON (what `newsgraph import --dry-run`
 * prints) and independent of GraphQL; `to-input.ts` turns them into an ArticleInput.
 *
 * Offsets are UTF-16 code-unit offsets into `ParsedDocument.body` (JavaScript string indices,
 * the same unit quotes already store): `body.slice(startOffset, endOffset)` is the evidence.
 * An item found only outside the body (a photo caption) has null offsets and says where in
 * `source`.
 */
export interface Provenance {
  startOffset: number | null;
  endOffset: number | null;
  /** 0..1: how sure the rule that found it is. */
  confidence: number;
  /** Where it was found when not in the body, e.g. "images[0].caption". */
  source?: string;
}

/** A raw article as it arrives, before parsing. */
export interface RawArticle {
  /** Plain text in the reference article's shape: headline first, paragraphs separated by blank lines. */
  text?: string | null;
  html?: string | null;
  url?: string | null;
  /** The headline, when the caller knows it better than the text (`import --headline`); else it is read from the text. */
  headline?: string | null;
  /** Publication time; relative dates ("Monday", "last week") resolve against it. */
  publishedAt?: Date | null;
  /** Publisher name, e.g. "VOA". */
  publisher?: string | null;
}

/** A raw article split into its parts: what gets stored as the article. */
export interface ParsedDocument {
  headline: string;
  /** Paragraphs joined by "\n\n"; page furniture and photo captions removed, section headings kept as paragraphs. */
  body: string;
  /** The headline, then each section heading, in order. */
  sections: string[];
  images: Array<{ caption: string; credit: string | null; url: string | null }>;
  bylines: string[];
  summary: string | null;
  language: string;
  url: string | null;
  publishedAt: Date | null;
  /** Where `publishedAt` came from: the caller ("given"), the page's metadata or date line ("page"), or the text's own dates ("text"); null when unknown. */
  publishedAtSource?: "given" | "page" | "text" | null;
  publisher: string | null;
  /** What the parser noticed and the user should know (publication date inferred, no headline found...). */
  warnings: string[];
  /** The dateline opening the body ("SEOUL, South Korea (AP) —"): where the story was filed, and the agency. */
  dateline?: { text: string; place: string; agency: string | null } | null;
}

/** Who spoke: a person (`name`, with title and affiliation when the text gives them) or, with `name` null, an organization or document's owner. */
export interface SpeakerRef {
  name: string | null;
  title: string | null;
  organization: string | null;
}

/** An unnamed source as the text describes it. */
export interface AnonymousSpeaker {
  /** As written, without a leading article: "senior State Department official". */
  description: string;
  /** The organization the description names ("State Department"), or null. */
  organization: string | null;
}

export interface ExtractedQuote extends Provenance {
  /** The quoted words without quotation marks or a closing comma that belongs to the sentence. */
  text: string;
  /** null: nobody is named (an unattributed quote, or an anonymous source: see `anonymousSpeaker`). */
  speaker: SpeakerRef | null;
  /**
   * An unnamed speaker the text describes ("a senior State Department official", "the staffer"):
   * the description as written and the organization it names, if any. Set only when `speaker` is
   * null. Absent or null: not an anonymous source.
   */
  anonymousSpeaker?: AnonymousSpeaker | null;
  /** How it was said: "told reporters", "emailed statement", "email response to VOA"... */
  channel: string | null;
  /** ISO date when the text says when ("on Friday"). */
  saidOn: string | null;
  /** A fragment quoted inside the writer's own sentence. */
  isPartial: boolean;
  /**
   * Which attribution rule chose the speaker ("name after the verb", "clause subject", "appositive",
   * "pronoun by salience", "role by salience", "carried from the previous quote", ...); `confidence`
   * reflects it. null when no rule named a speaker.
   */
  attributionRule?: string | null;
  /**
   * The quoted pieces when the quotation is written in more than one: “…,” she said. “…” (one
   * quotation split by its attribution) or a quotation running over paragraphs. `startOffset` is
   * the first piece's start and `endOffset` the last one's end, so the slice between them holds the
   * attribution or paragraph break too. Absent for a quotation in one piece.
   */
  pieces?: Array<{ startOffset: number; endOffset: number }>;
}

export interface ExtractedPerson extends Provenance {
  name: string;
  title: string | null;
  organization: string | null;
  /** Other forms the text uses for the same person ("Pentagon chief", a misspelling). */
  aliases: string[];
}

export interface ExtractedOrganization extends Provenance {
  name: string;
  /** A guess from the name ("University", "Ministry", "News Agency"); null when none fits. */
  kind: OrganizationKind | null;
}

export interface ExtractedPlace extends Provenance {
  /** As the text names it: "Anchorage, Alaska", "Tokyo". */
  name: string;
  kind: PlaceKind;
  /** ISO 3166-1 alpha-2, from the gazetteer. */
  countryCode: string | null;
}

export interface ExtractedEvent extends Provenance {
  title: string;
  kind: EventKind;
  /** ISO dates; null when the text gives none. */
  startsOn: string | null;
  endsOn: string | null;
  datePrecision: DatePrecision;
  status: EventStatus;
  /** Place names, as in `places`. */
  places: string[];
  /** Person names as in `people`, or organization names. */
  participants: string[];
}

/** Everything found in one article: what `--dry-run` prints. */
export interface Extraction {
  article: ParsedDocument;
  quotes: ExtractedQuote[];
  people: ExtractedPerson[];
  organizations: ExtractedOrganization[];
  places: ExtractedPlace[];
  events: ExtractedEvent[];
}
