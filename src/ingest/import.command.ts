import fs from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { SingleBar } from "cli-progress";
import pino from "pino";
import { openDatabase } from "../app";
import { MAX_HEADLINE_LENGTH } from "../article/article-write.inputs";
import { CommandError } from "../auth/api-key.commands";
import type { FieldError } from "../common/validation";
import { loadConfig } from "../config";
import { DataDirInUseError } from "../db/data-dir-lock";
import type { Database } from "../db/data-source";
import { requestLocalServer } from "../local-socket";
import { createPubSubHandle } from "../pubsub/pubsub";
import { createSchema } from "../schema";
import { type BatchOutcome, type ImportSink, type ImportSummary, type RecordDefaults, formatSummary, localSink, runImport } from "./import";
import { type InputFormat, type ReadProgress, expandPaths, formatOfPath, readRecords, where } from "./records";

interface ImportFlags {
  format?: InputFormat;
  url?: string;
  headline?: string;
  publishedAt?: Date;
  publisher?: string;
  dryRun?: boolean;
  strict?: boolean;
  batchSize?: number;
  progress?: boolean;
}

/** The largest batch the upsertArticles mutation takes, and so the largest the command sends. */
export const MAX_BATCH = 500;
/** Batches written in this process: bigger batches cost fewer statements per article (bench:import). */
const LOCAL_BATCH = 500;
/** Batches sent to a running server: 250 articles of a few kB stay well inside its 5 MiB request limit. */
const SERVER_BATCH = 250;

function parseDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError("expected a date or date-time, e.g. 2021-03-14 or 2021-03-14T09:00:00Z");
  return date;
}

function parseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return value;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError("expected an http(s) URL");
}

function parseHeadline(value: string): string {
  const headline = value.replace(/\s+/g, " ").trim();
  if (headline === "") throw new InvalidArgumentError("expected a headline that is not blank");
  if (headline.length > MAX_HEADLINE_LENGTH) throw new InvalidArgumentError(`expected a headline of at most ${MAX_HEADLINE_LENGTH.toLocaleString("en-US")} characters`);
  return headline;
}

function parseBatch(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_BATCH) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_BATCH}`);
  return n;
}

const UPSERT_ARTICLES = `mutation Import($inputs: [ArticleInput!]!) {
  upsertArticles(inputs: $inputs) { results { index status error { code message fields { field message } } } }
}`;

/** Writes through the server that owns the embedded data directory, over its local socket. */
function remoteSink(dataDir: string): ImportSink {
  return {
    async write(batch) {
      const answer = await requestLocalServer<{ upsertArticles: { results: Array<{ index: number; status: string | null; error: { code: string; message: string; fields: FieldError[] | null } | null }> } }>(
        dataDir,
        UPSERT_ARTICLES,
        { inputs: batch.map((a) => a.json) },
      );
      if (!answer) throw new CommandError(`the server that owned ${dataDir} stopped answering on its local socket; import again once it runs (articles already written stay, and are reported unchanged)`, 1);
      if (answer.errors?.length || !answer.data) throw new CommandError(`the server refused the batch: ${answer.errors?.[0]?.message ?? "no data"}`, 1);
      return answer.data.upsertArticles.results.map((r) =>
        r.error ? { error: { code: r.error.code, message: r.error.message, fields: r.error.fields ?? undefined } } : { status: r.status as never },
      ) as BatchOutcome;
    },
  };
}

/** Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise, nothing for a single article. */
function progressReporter(files: readonly string[], read: ReadProgress, enabled: boolean) {
  const sizes = files.map((f) => (f === "-" ? null : fs.statSync(f).size));
  const totalBytes = sizes.every((s) => s != null) ? sizes.reduce<number>((a, b) => a + b!, 0) : null;
  const many = files.length > 1 || files.some((f) => f === "-" || ["json", "ndjson"].includes(formatOfPath(f) ?? ""));
  if (!enabled || !many) return { update() {}, stop() {} };
  const started = Date.now();
  const rate = (s: ImportSummary) => Math.round(s.read / Math.max((Date.now() - started) / 1000, 0.001));
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        format: "importing [{bar}] {percentage}% | {read} articles, {rate}/s | {created} created, {updated} updated, {unchanged} unchanged, {errors} errors",
        hideCursor: true,
        stream: process.stderr,
        etaBuffer: 50,
      },
    );
    bar.start(totalBytes ?? 1, 0, { read: 0, rate: 0, created: 0, updated: 0, unchanged: 0, errors: 0 });
    return {
      update(s: ImportSummary) {
        bar.update(totalBytes ? Math.min(read.bytesRead, totalBytes) : 0, { read: s.read, rate: rate(s), created: s.created, updated: s.updated, unchanged: s.unchanged, errors: s.errors.length });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let last = started;
  return {
    update(s: ImportSummary) {
      const now = Date.now();
      if (now - last < 2000) return;
      last = now;
      const percent = totalBytes ? ` (${Math.round((100 * read.bytesRead) / totalBytes)}% of the input)` : "";
      process.stderr.write(`import: ${s.read} articles read${percent}, ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.errors.length} errors, ${rate(s)}/s\n`);
    },
    stop() {},
  };
}

/** `newsgraph import [FILE... | -]`. */
export function importCommand(fail: (err: unknown) => never): Command {
  return new Command("import")
    // Bad usage (an unknown option, a bad value) exits 2, like the command's own usage errors.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .description(
      "Import articles: plain text or HTML (quotes, speakers, people, organizations, places and events are extracted), or JSON / NDJSON in the ArticleInput shape. " +
        "Each article is upserted by its canonical URL, so importing the same input again changes nothing. Exit code 0 when every article was imported, 1 when any failed, 2 for bad usage.",
    )
    .argument("[files...]", 'files or directories to import; "-" (or nothing, with input piped) reads standard input')
    .addOption(new Option("--format <format>", "the input format (default: from the file extension, else from the content)").choices(["text", "html", "json", "ndjson"]))
    .option("--url <url>", "the article's canonical URL (one text or HTML article)", parseUrl)
    .option("--headline <text>", "the article's headline (one text or HTML article), in place of the one read from the text", parseHeadline)
    .option("--published-at <date>", "publication date, when the input does not give one; relative dates in the text resolve against it (without one, an undated article is dated by its file's modification time, with a warning)", parseDate)
    .option("--publisher <name>", 'publisher, when the input does not give one, e.g. "VOA"')
    .option("--dry-run", "print what would be written as JSON on stdout (the extracted structure for text and HTML) and write nothing")
    .option("--strict", "stop at the first bad article; the articles before it are written, none after")
    .option("--batch-size <n>", `articles per transaction (1 to ${MAX_BATCH}; default ${LOCAL_BATCH}, or ${SERVER_BATCH} through a running server)`, parseBatch)
    .option("--no-progress", "no progress bar or progress lines")
    .action(async (files: string[], flags: ImportFlags) => {
      try {
        process.exitCode = await importAction(files, flags);
      } catch (err) {
        fail(err);
      }
    });
}

async function importAction(args: string[], flags: ImportFlags): Promise<number> {
  if (!args.length) {
    if (process.stdin.isTTY) throw new CommandError("give files to import, or pipe articles to standard input (newsgraph import --help)", 2);
    args = ["-"];
  }
  let files: string[];
  try {
    files = expandPaths(args);
  } catch (err) {
    throw new CommandError((err as Error).message, 2);
  }
  if (!files.length) throw new CommandError(`no files with a known extension (.txt .html .htm .json .ndjson .jsonl) in ${args.join(", ")}`, 2);
  if (flags.url && files.length > 1) throw new CommandError("--url names one article: give it with a single file", 2);
  if (flags.headline && files.length > 1) throw new CommandError("--headline names one article: give it with a single file", 2);
  if (files.filter((f) => f === "-").length > 1) throw new CommandError('standard input ("-") can be read once', 2);

  const schema = await createSchema();
  const defaults: RecordDefaults = { url: flags.url, headline: flags.headline, publishedAt: flags.publishedAt, publisher: flags.publisher };
  const read: ReadProgress = { bytesRead: 0 };
  const records = readRecords(files, { format: flags.format, progress: read });

  if (flags.dryRun) {
    const single = files.length === 1 && (flags.format ?? formatOfPath(files[0]!) ?? "text") !== "ndjson" && (flags.format ?? formatOfPath(files[0]!)) !== "json";
    const summary = await runImport(records, null, {
      schema,
      defaults,
      strict: flags.strict,
      dryRun: ({ at, extraction, input, errors }) => {
        const out = { source: where(at), ...(extraction ?? {}), ...(input ? { input } : {}), ...(errors ? { errors } : {}) };
        process.stdout.write(single ? JSON.stringify(out, null, 2) + "\n" : JSON.stringify(out) + "\n");
      },
    });
    process.stderr.write(formatSummary(summary, true));
    return summary.errors.length ? 1 : 0;
  }

  const config = loadConfig();
  // A big batch is a slow statement by design: the server's slow-SQL warnings would only clutter the progress lines.
  const log = pino({ level: process.env.LOG_LEVEL ? config.logLevel : "error", base: { service: "newsgraph" } }, pino.destination(2));
  let database: Database | undefined;
  let sink: ImportSink | undefined;
  let closePubSub = async () => {};
  try {
    database = await openDatabase(config, log);
  } catch (err) {
    if (!(err instanceof DataDirInUseError) || !err.dataDir) throw err;
    const probe = await requestLocalServer(err.dataDir, "{ __typename }").catch(() => null);
    if (!probe) {
      throw new CommandError(
        `the data directory ${err.dataDir} is in use by process ${err.owner ?? "?"}, which does not answer on its local socket; nothing was imported. ` +
          "Stop that process and import again, or import over HTTP with an editor key (mutation upsertArticles or ingestArticle).",
        2,
      );
    }
    process.stderr.write(`newsgraph: the server (process ${err.owner ?? "?"}) owns ${err.dataDir}; importing through it.\n`);
    sink = remoteSink(err.dataDir);
  }
  const progress = progressReporter(files, read, flags.progress !== false);
  try {
    if (database) {
      // New articles and quotes are announced, to servers sharing Redis (REDIS_URL) too.
      const handle = await createPubSubHandle(config, log);
      closePubSub = () => handle.close();
      sink = localSink({ database, config, log, pubsub: handle.pubsub });
    }
    // PostgreSQL writes three batches at once, each on its own connection (bench:import); PGlite has one connection.
    const concurrency = database?.kind === "postgres" ? 3 : 1;
    const batchSize = flags.batchSize ?? (database ? LOCAL_BATCH : SERVER_BATCH);
    const summary = await runImport(records, sink!, { schema, defaults, strict: flags.strict, batchSize, concurrency, onProgress: (s) => progress.update(s) });
    progress.stop();
    process.stdout.write(formatSummary(summary, false));
    return summary.errors.length ? 1 : 0;
  } finally {
    progress.stop();
    await closePubSub();
    await database?.close();
  }
}
