import type { GraphQLSchema } from "graphql";
import { ArticleInput } from "../article/article-write.inputs";
import { PublishedAtSource } from "../article/article.entity";
import { ArticleWrites, type ArticleWriteResult } from "../article/article.writes";
import { contentKey } from "../article/content-key";
import { type FieldError, invalidInput, validateInput } from "../common/validation";
import type { Context } from "../context";
import type { Format } from "./document";
import { extract } from "./extract";
import { useKnownSpellings } from "./known-spellings";
import type { Extraction, RawArticle } from "./extract/types";
import { type Omitted, toArticleInput } from "./to-input";

/** An article ready to write: the checked input and the JSON it was checked from (what a server is sent). */
export interface PreparedArticle {
  input: ArticleInput;
  json: Record<string, unknown>;
  /** Extracted items that could not be stored (a quote nobody is named for...). */
  omitted: Omitted[];
  /** What the parser noticed (a publication date inferred...). */
  warnings: string[];
  /** Extracted from text or HTML (its names may be misspellings of known people), not given as structure. */
  extracted: boolean;
}

export type Prepared = { ok: true; article: PreparedArticle; extraction?: Extraction } | { ok: false; errors: FieldError[]; extraction?: Extraction };

/**
 * The date an article takes when neither the caller, the page nor its text gives one: the imported
 * file's modification time, or the time it was received. It is stored with its source, so the
 * article says its date was not read from it, and it never replaces a stored article's date.
 */
export interface StandInDate {
  at: Date;
  source: PublishedAtSource.FILE_MODIFIED | PublishedAtSource.RECEIVED;
  /** How the user gives the real date, for the warning: "give --published-at, or set it later with updateArticle". */
  fix: string;
}

const STAND_IN_WHAT: Record<StandInDate["source"], string> = {
  [PublishedAtSource.FILE_MODIFIED]: "the file's modification time",
  [PublishedAtSource.RECEIVED]: "the time it was received",
};

/** The warning an article dated by a stand-in carries; it starts with STAND_IN_WARNING. */
export const STAND_IN_WARNING = "publishedAt not in the source:";

/** Fields a raw article must end up with, and what to do when the text gives none. */
function missing(json: { url?: unknown; publishedAt?: unknown }): FieldError[] {
  const out: FieldError[] = [];
  if (!json.url) out.push({ field: "url", message: "no canonical URL found: give one (--url, or url in the record); it is the key that makes importing again change nothing", constraint: "required" });
  if (!json.publishedAt) out.push({ field: "publishedAt", message: "no publication date found: give one (--published-at, or publishedAt in the record)", constraint: "required" });
  return out;
}

/**
 * A raw article (text or HTML) through the whole pipeline short of the database: parse, extract,
 * map to an ArticleInput, and check it as the API would. Pure: usable for `--dry-run`. With
 * `keyByContent` (the import command) an article without a URL is keyed by `contentKey`; ingestArticle still asks for one.
 */
export function prepareRaw(schema: GraphQLSchema, raw: RawArticle, format: Format, options: { dryRun?: boolean; keyByContent?: boolean; standInDate?: StandInDate } = {}): Prepared {
  const extraction = extract(raw, format);
  const { input, omitted } = toArticleInput(extraction);
  const keyWarnings: string[] = [];
  let parserWarnings = extraction.article.warnings;
  const standIn = options.standInDate;
  if (!input.publishedAt && standIn) {
    // Taken after extraction: relative dates ("Monday") are not resolved against a stand-in.
    input.publishedAt = standIn.at.toISOString();
    input.publishedAtSource = standIn.source.toUpperCase();
    parserWarnings = parserWarnings.filter((w) => !w.startsWith("publishedAt unknown"));
    keyWarnings.push(`${STAND_IN_WARNING} no publication date given, printed or found in the text; dated by ${STAND_IN_WHAT[standIn.source]}, ${input.publishedAt}, and relative dates left unresolved (${standIn.fix})`);
  }
  if (!input.url && options.keyByContent) {
    // `newsgraph import`, no canonical URL given or found: the body and publisher are the key (documented in content-key.ts and the README).
    input.url = contentKey(input.body, input.publisher?.name);
    keyWarnings.push(`no canonical URL: keyed by its content as ${input.url} (give --url to key it by its URL)`);
  }
  const json = input as unknown as Record<string, unknown>;
  const absent = missing(input);
  const warnings = [...parserWarnings, ...keyWarnings];
  if (absent.length && options.dryRun) {
    // Nothing is written, so the date is not needed yet; say what a real import would ask for.
    warnings.push(...absent.map((e) => `${e.field}: ${e.message}`));
    return { ok: true, article: { input: json as unknown as ArticleInput, json, omitted, warnings, extracted: true }, extraction };
  }
  if (absent.length) return { ok: false, errors: absent, extraction };
  const checked = validateInput(schema, ArticleInput, json, "");
  if (checked.errors) return { ok: false, errors: checked.errors, extraction };
  return { ok: true, article: { input: checked.value, json, omitted, warnings, extracted: true }, extraction };
}

/** An ArticleInput-shaped JSON object, checked as the API would. */
export function prepareInput(schema: GraphQLSchema, json: Record<string, unknown>): Prepared {
  const checked = validateInput(schema, ArticleInput, json, "");
  if (checked.errors) return { ok: false, errors: checked.errors };
  return { ok: true, article: { input: checked.value, json, omitted: [], warnings: [], extracted: false } };
}

export interface IngestResult extends ArticleWriteResult {
  omitted: Omitted[];
  warnings: string[];
}

/** ingestArticle: a raw article extracted and upserted in one go. */
export class IngestService {
  static async ingest(ctx: Context, schema: GraphQLSchema, raw: RawArticle, format: Format): Promise<IngestResult> {
    const standInDate: StandInDate = { at: new Date(), source: PublishedAtSource.RECEIVED, fix: "give publishedAt, or set it later with updateArticle" };
    const prepared = prepareRaw(schema, raw, format, { standInDate });
    if (!prepared.ok) {
      // url and publishedAt are the caller's to give; anything else is about what was extracted from the text.
      const source = raw.html != null ? "input.html" : "input.text";
      throw invalidInput(
        prepared.errors.map((e) => (e.field === "url" || e.field === "publishedAt" ? { ...e, field: `input.${e.field}` } : { ...e, field: source, message: `the extracted ${e.field || "article"} ${e.message}` })),
      );
    }
    await useKnownSpellings(ctx.db, [prepared.article.input]);
    const { article, status } = await ArticleWrites.upsert(ctx, prepared.article.input);
    return { article, status, omitted: prepared.article.omitted, warnings: prepared.article.warnings };
  }
}
