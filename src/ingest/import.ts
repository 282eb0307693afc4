import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { ArticleWrites, type WriteStatus } from "../article/article.writes";
import type { Config } from "../config";
import { createContext } from "../context";
import type { Database } from "../db/data-source";
import type { NewsPubSub } from "../pubsub/pubsub";
import { useKnownSpellings } from "./known-spellings";
import type { FieldError } from "../common/validation";
import type { Extraction, RawArticle } from "./extract/types";
import { PublishedAtSource } from "../article/article.entity";
import { type PreparedArticle, STAND_IN_WARNING, type StandInDate, prepareInput, prepareRaw } from "./ingest.service";
import { type Location, type SourceRecord, where } from "./records";

/** Defaults the command line gives for what a record does not say itself. */
export interface RecordDefaults {
  url?: string;
  /** One text or HTML article's headline, in place of the one read from its first line. */
  headline?: string;
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
  /** Text and HTML articles that gave no publication date: dated by their file's modification time (or, from standard input, the time of the import). */
  datedByStandIn: number;
  warnings: Array<{ at: Location; message: string }>;
  /** True when --strict stopped the run at an error. */
  stopped: boolean;
  seconds: number;
  /** Time spent reading, extracting and checking records (the rest is mostly waiting for the database). */
  prepareSeconds: number;
}

export interface ImportOptions {
  schema: GraphQLSchema;
  defaults?: RecordDefaults;
  /** Articles per transaction. */
  batchSize?: number;
  /**
   * Batches written at once, each in its own transaction (PostgreSQL: on its own connection); the
   * next batch is read and checked meanwhile. --strict writes one batch at a time and waits for
   * it, so nothing after a bad record can have been written.
   */
  concurrency?: number;
  /** Stop at the first bad record; what came before it is written, nothing after. */
  strict?: boolean;
  /** Extract and check, print, write nothing. */
  dryRun?: (record: { at: Location; extraction?: Extraction; input?: Record<string, unknown>; errors?: FieldError[] }) => void;
  /** Called after every record and batch, for progress reports. */
  onProgress?: (summary: ImportSummary) => void;
}

function withDefaults(raw: RawArticle, d: RecordDefaults): RawArticle {
  return { ...raw, url: raw.url ?? d.url ?? null, headline: raw.headline ?? d.headline ?? null, publishedAt: raw.publishedAt ?? d.publishedAt ?? null, publisher: raw.publisher ?? d.publisher ?? null };
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
  const concurrency = options.strict ? 1 : Math.max(1, options.concurrency ?? 1);
  const summary: ImportSummary = { read: 0, created: 0, updated: 0, unchanged: 0, errors: [], omitted: 0, datedByStandIn: 0, warnings: [], stopped: false, seconds: 0, prepareSeconds: 0 };
  const receivedAt = new Date();
  const fix = "give --published-at, or set it later with updateArticle";
  let batch: Array<{ at: Location; article: PreparedArticle }> = [];
  let prepareNs = 0n;
  // Writes in flight: while the database writes one batch, the next is read and checked.
  const inFlight = new Set<Promise<void>>();
  let failure: { err: unknown } | undefined;
  const settle = async (max: number) => {
    while (inFlight.size > max) await Promise.race(inFlight);
    if (failure) throw failure.err;
  };

  const flush = async () => {
    if (!batch.length || !sink) return;
    const pending = batch;
    batch = [];
    // Room for this write first: at most `concurrency` in flight.
    await settle(concurrency - 1);
    const write = sink.write(pending.map((p) => p.article)).then((outcome) => {
      outcome.forEach((o, i) => {
        if ("status" in o) summary[o.status === "CREATED" ? "created" : o.status === "UPDATED" ? "updated" : "unchanged"]++;
        else {
          summary.errors.push({ at: pending[i]!.at, message: o.error.message, fields: o.error.fields });
          if (options.strict) summary.stopped = true;
        }
      });
      options.onProgress?.(summary);
    });
    const tracked: Promise<void> = write.then(
      () => void inFlight.delete(tracked),
      (err: unknown) => {
        inFlight.delete(tracked);
        failure ??= { err };
      },
    );
    inFlight.add(tracked);
    // With --strict the outcome is known before the next record is read.
    if (options.strict) await settle(0);
  };

  for await (const record of records) {
    summary.read++;
    const t = process.hrtime.bigint();
    let prepared;
    if (record.kind === "unreadable") prepared = { ok: false as const, errors: [{ field: "", message: record.message }] };
    else if (record.kind === "raw") {
      const standInDate: StandInDate = record.modifiedAt ? { at: record.modifiedAt, source: PublishedAtSource.FILE_MODIFIED, fix } : { at: receivedAt, source: PublishedAtSource.RECEIVED, fix };
      prepared = prepareRaw(options.schema, withDefaults(record.raw, defaults), record.format, { dryRun: !!options.dryRun, keyByContent: true, standInDate });
    }
    else prepared = prepareInput(options.schema, inputWithDefaults(record.json, defaults));
    prepareNs += process.hrtime.bigint() - t;

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
        await settle(0);
        summary.stopped = true;
        break;
      }
      options.onProgress?.(summary);
      continue;
    }
    summary.omitted += prepared.article.omitted.length;
    if (prepared.article.warnings.some((w) => w.startsWith(STAND_IN_WARNING))) summary.datedByStandIn++;
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
  await settle(0);
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  summary.prepareSeconds = Number(prepareNs) / 1e9;
  return summary;
}

/** The summary as the last lines a person reads. */
export function formatSummary(s: ImportSummary, dryRun: boolean): string {
  const lines: string[] = [];
  // A rate says something once there are enough articles to time.
  const rate = s.read >= 100 && s.seconds > 0 ? ` (${Math.round(s.read / s.seconds)} articles/s)` : "";
  if (dryRun) lines.push(`checked ${s.read} article${s.read === 1 ? "" : "s"} in ${s.seconds.toFixed(1)} s, wrote nothing (--dry-run): ${s.read - s.errors.length} valid, ${s.errors.length} with errors`);
  else lines.push(`imported ${s.read} article${s.read === 1 ? "" : "s"} in ${s.seconds.toFixed(1)} s${rate}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.errors.length} error${s.errors.length === 1 ? "" : "s"}`);
  if (s.omitted) lines.push(`${s.omitted} extracted quote(s) or event(s) not stored (no speaker named, or nothing to tell the event by); --dry-run lists them`);
  if (s.datedByStandIn) {
    lines.push(
      `${s.datedByStandIn} article${s.datedByStandIn === 1 ? "" : "s"} gave no publication date and ${s.datedByStandIn === 1 ? "was" : "were"} dated by the file's modification time (from standard input: the time of the import); ` +
        "their publishedAtSource is FILE_MODIFIED or RECEIVED. Give --published-at, or set each date with updateArticle",
    );
  }
  for (const w of s.warnings.slice(0, 20)) lines.push(`warning: ${where(w.at)}: ${w.message}`);
  if (s.warnings.length > 20) lines.push(`... and ${s.warnings.length - 20} more warnings`);
  for (const e of s.errors.slice(0, 50)) lines.push(`error: ${where(e.at)}: ${e.message}`);
  if (s.errors.length > 50) lines.push(`... and ${s.errors.length - 50} more errors`);
  if (s.stopped) lines.push("stopped at the first error (--strict): nothing after it was written");
  return lines.join("\n") + "\n";
}

/** What a local sink measured: statements run and time spent in the database, over every batch. */
export interface SinkStats {
  batches: number;
  statements: number;
  databaseSeconds: number;
}

/**
 * Writes in this process, one transaction per batch, as a local editor: extracted names that
 * misspell a known expert's are corrected first, then `ArticleWrites.upsertMany`.
 */
export function localSink(deps: { database: Database; config: Config; log: Logger; pubsub: NewsPubSub }): ImportSink & { stats: SinkStats } {
  const stats: SinkStats = { batches: 0, statements: 0, databaseSeconds: 0 };
  return {
    stats,
    async write(batch) {
      const ctx = createContext({ config: deps.config, dataSource: deps.database.dataSource, log: deps.log, requestId: `import-${++stats.batches}`, pubsub: deps.pubsub, authorization: { local: null } });
      const t = process.hrtime.bigint();
      await useKnownSpellings(
        ctx.db,
        batch.filter((a) => a.extracted).map((a) => a.input),
      );
      const results = await ArticleWrites.upsertMany(
        ctx,
        batch.map((a) => a.input),
      );
      stats.databaseSeconds += Number(process.hrtime.bigint() - t) / 1e9;
      stats.statements += ctx.sql.statements;
      return results.map((r) =>
        r instanceof Error ? { error: { code: String(r.extensions.code), message: r.message, fields: r.extensions.fields as FieldError[] | undefined } } : { status: r.status },
      );
    },
  };
}
