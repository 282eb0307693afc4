import type { GraphQLSchema } from "graphql";
import type { WriteStatus } from "../article/article.writes";
import type { FieldError } from "../common/validation";
import type { Extraction, RawArticle } from "./extract/types";
import { type PreparedArticle, prepareInput, prepareRaw } from "./ingest.service";
import { type Location, type SourceRecord, where } from "./records";

/** Defaults the command line gives for what a record does not say itself. */
export interface RecordDefaults {
  url?: string;
  publishedAt?: Date;
  publisher?: string;
}

/** One batch written: a status or an error per article, in order. */
export type BatchOutcome = Array<{ status: WriteStatus } | { error: { code: string; message: string; fields?: FieldError[] } }>;

/** Where prepared articles go: the database in this process, or the server that owns it. */
export interface ImportSink {
  write(batch: readonly PreparedArticle[]): Promise<BatchOutcome>;
}

export interface ImportError {
  at: Location;
  message: string;
  fields?: FieldError[];
}

export interface ImportSummary {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  /** Extracted quotes and events that could not be stored (no speaker named...). */
  omitted: number;
  warnings: Array<{ at: Location; message: string }>;
  /** True when --strict stopped the run at an error. */
  stopped: boolean;
  seconds: number;
}

export interface ImportOptions {
  schema: GraphQLSchema;
  defaults?: RecordDefaults;
  /** Articles per transaction. */
  batchSize?: number;
  /** Stop at the first bad record; what came before it is written, nothing after. */
  strict?: boolean;
  /** Extract and check, print, write nothing. */
  dryRun?: (record: { at: Location; extraction?: Extraction; input?: Record<string, unknown>; errors?: FieldError[] }) => void;
  /** Called after every record and batch, for progress reports. */
  onProgress?: (summary: ImportSummary) => void;
}

function withDefaults(raw: RawArticle, d: RecordDefaults): RawArticle {
  return { ...raw, url: raw.url ?? d.url ?? null, publishedAt: raw.publishedAt ?? d.publishedAt ?? null, publisher: raw.publisher ?? d.publisher ?? null };
}

function inputWithDefaults(json: Record<string, unknown>, d: RecordDefaults): Record<string, unknown> {
  return {
    ...json,
    ...(json.url === undefined && d.url ? { url: d.url } : {}),
    ...(json.publishedAt === undefined && d.publishedAt ? { publishedAt: d.publishedAt.toISOString() } : {}),
    ...(json.publisher === undefined && d.publisher ? { publisher: { name: d.publisher } } : {}),
  };
}

/** An error's text for a person at a terminal: the message, then each invalid field. */
export function describeFields(fields: readonly FieldError[] | undefined): string {
  return fields?.length ? fields.map((f) => `${f.field || "(record)"}: ${f.message}`).join("; ") : "";
}

/**
 * Reads records, prepares each (extraction for raw articles, the API's checks for all), and writes
 * them in batches of `batchSize` articles, one transaction each. A bad record is reported with its
 * location and skipped; with `strict` the run stops there.
 */
export async function runImport(records: AsyncIterable<SourceRecord>, sink: ImportSink | null, options: ImportOptions): Promise<ImportSummary> {
  const started = process.hrtime.bigint();
  const defaults = options.defaults ?? {};
  const batchSize = options.batchSize ?? 250;
  const summary: ImportSummary = { read: 0, created: 0, updated: 0, unchanged: 0, errors: [], omitted: 0, warnings: [], stopped: false, seconds: 0 };
  let batch: Array<{ at: Location; article: PreparedArticle }> = [];

  const flush = async () => {
    if (!batch.length || !sink) return;
    const pending = batch;
    batch = [];
    const outcome = await sink.write(pending.map((p) => p.article));
    outcome.forEach((o, i) => {
      if ("status" in o) summary[o.status === "CREATED" ? "created" : o.status === "UPDATED" ? "updated" : "unchanged"]++;
      else {
        summary.errors.push({ at: pending[i]!.at, message: o.error.message, fields: o.error.fields });
        if (options.strict) summary.stopped = true;
      }
    });
    options.onProgress?.(summary);
  };

  for await (const record of records) {
    summary.read++;
    let prepared;
    if (record.kind === "unreadable") prepared = { ok: false as const, errors: [{ field: "", message: record.message }] };
    else if (record.kind === "raw") prepared = prepareRaw(options.schema, withDefaults(record.raw, defaults), record.format, { dryRun: !!options.dryRun });
    else prepared = prepareInput(options.schema, inputWithDefaults(record.json, defaults));

    if (options.dryRun) {
      options.dryRun({
        at: record.at,
        extraction: prepared.extraction,
        input: prepared.ok && !prepared.extraction ? prepared.article.json : undefined,
        errors: prepared.ok ? undefined : prepared.errors,
      });
    }
    if (!prepared.ok) {
      const message = record.kind === "unreadable" ? record.message : `invalid article: ${describeFields(prepared.errors)}`;
      summary.errors.push({ at: record.at, message, fields: record.kind === "unreadable" ? undefined : prepared.errors });
      if (options.strict) {
        // What came before the bad record is written; nothing after it.
        await flush();
        summary.stopped = true;
        break;
      }
      options.onProgress?.(summary);
      continue;
    }
    summary.omitted += prepared.article.omitted.length;
    for (const w of prepared.article.warnings) summary.warnings.push({ at: record.at, message: w });
    if (options.dryRun) {
      options.onProgress?.(summary);
      continue;
    }
    batch.push({ at: record.at, article: prepared.article });
    if (batch.length >= batchSize) await flush();
    else options.onProgress?.(summary);
    if (summary.stopped) break;
  }
  if (!summary.stopped) await flush();
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return summary;
}

/** The summary as the last lines a person reads. */
export function formatSummary(s: ImportSummary, dryRun: boolean): string {
  const lines: string[] = [];
  const rate = s.seconds > 0 ? ` (${Math.round(s.read / s.seconds)} articles/s)` : "";
  if (dryRun) lines.push(`checked ${s.read} article${s.read === 1 ? "" : "s"} in ${s.seconds.toFixed(1)} s, wrote nothing (--dry-run): ${s.read - s.errors.length} valid, ${s.errors.length} with errors`);
  else lines.push(`imported ${s.read} article${s.read === 1 ? "" : "s"} in ${s.seconds.toFixed(1)} s${rate}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.errors.length} error${s.errors.length === 1 ? "" : "s"}`);
  if (s.omitted) lines.push(`${s.omitted} extracted quote(s) or event(s) not stored (no speaker named, or nothing to tell the event by); --dry-run lists them`);
  for (const w of s.warnings.slice(0, 20)) lines.push(`warning: ${where(w.at)}: ${w.message}`);
  if (s.warnings.length > 20) lines.push(`... and ${s.warnings.length - 20} more warnings`);
  for (const e of s.errors.slice(0, 50)) lines.push(`error: ${where(e.at)}: ${e.message}`);
  if (s.errors.length > 50) lines.push(`... and ${s.errors.length - 50} more errors`);
  if (s.stopped) lines.push("stopped at the first error (--strict): nothing after it was written");
  return lines.join("\n") + "\n";
}
