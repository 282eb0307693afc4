import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { Readable } from "node:stream";
import type { RawArticle } from "./extract/types";

/** What `import` reads: one article per text or HTML file, any number per JSON or NDJSON file. */
export type InputFormat = "text" | "html" | "json" | "ndjson";

/** Where a record came from: a file (or "-" for stdin) and, for JSON and NDJSON, the line it starts on. */
export interface Location {
  file: string;
  line?: number;
}

export function where(at: Location): string {
  return at.line != null ? `${at.file}:${at.line}` : at.file;
}

/**
 * One record: a raw article to extract (text, HTML, or a JSON object with `text` or `html`), an
 * ArticleInput-shaped JSON object to write as it is, or what could not be read at all.
 */
export type SourceRecord =
  | { at: Location; kind: "raw"; format: "text" | "html"; raw: RawArticle; /** The file's modification time (none for standard input): the stand-in for a date the article does not give. */ modifiedAt?: Date }
  | { at: Location; kind: "input"; json: Record<string, unknown> }
  | { at: Location; kind: "unreadable"; message: string };

const EXTENSIONS: Record<string, InputFormat> = {
  ".txt": "text",
  ".text": "text",
  ".html": "html",
  ".htm": "html",
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
};

/** The format of content that has no telling extension: JSON lines, a JSON document, HTML, or else text. */
export function sniffFormat(head: string): InputFormat {
  const start = head.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("[")) return "json";
  if (start.startsWith("{")) {
    const firstLine = start.split("\n", 1)[0]!.trim();
    try {
      JSON.parse(firstLine);
      return "ndjson";
    } catch {
      return "json";
    }
  }
  if (/^<(!doctype html|html|head|body|article|meta|div|p|h1)\b/i.test(start)) return "html";
  return "text";
}

/** The format of a file from its extension; null when the extension says nothing. */
export function formatOfPath(file: string): InputFormat | null {
  return EXTENSIONS[path.extname(file).toLowerCase()] ?? null;
}

/** Files to import: the paths given, with directories expanded to the files in them that have a known extension, sorted. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === "-") {
      out.push(p);
      continue;
    }
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new Error(`no such file or directory: ${p}`);
    if (!stat.isDirectory()) {
      out.push(p);
      continue;
    }
    const found = fs
      .readdirSync(p, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && formatOfPath(e.name))
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    out.push(...found);
  }
  return out;
}

/** A JSON object given to import: a raw article (`text` or `html`, no `body`) or an ArticleInput. */
function fromJson(value: unknown, at: Location): SourceRecord {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { at, kind: "unreadable", message: "expected a JSON object (an article)" };
  const o = value as Record<string, unknown>;
  if ((typeof o.text === "string" || typeof o.html === "string") && o.body === undefined) {
    const publishedAt = typeof o.publishedAt === "string" ? new Date(o.publishedAt) : null;
    if (publishedAt && Number.isNaN(publishedAt.getTime())) return { at, kind: "unreadable", message: `publishedAt: not a date: ${String(o.publishedAt)}` };
    const raw: RawArticle = {
      text: typeof o.text === "string" ? o.text : null,
      html: typeof o.html === "string" ? o.html : null,
      url: typeof o.url === "string" ? o.url : null,
      publishedAt,
      publisher: typeof o.publisher === "string" ? o.publisher : null,
    };
    return { at, kind: "raw", format: raw.html != null ? "html" : "text", raw };
  }
  return { at, kind: "input", json: o };
}

/** Line numbers (1-based) where each top-level element of a JSON array starts; a scan that knows strings and nesting. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\n") continue;
    if (depth === 1 && expectValue) {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expectValue = true;
  }
  return lines;
}

/** The line a JSON.parse error points at, when its message gives a position. */
function errorLine(text: string, err: Error): number | undefined {
  const position = /position (\d+)/.exec(err.message);
  if (!position) return undefined;
  return text.slice(0, Number(position[1])).split("\n").length;
}

function parseJsonDocument(text: string, file: string): SourceRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    return [{ at: { file, line: errorLine(text, err as Error) }, kind: "unreadable", message: `not valid JSON: ${(err as Error).message}` }];
  }
  if (!Array.isArray(value)) return [fromJson(value, { file, line: 1 })];
  const lines = elementLines(text);
  return value.map((item, i) => fromJson(item, { file, line: lines[i] }));
}

/** Reads NDJSON line by line: the file is never held whole. */
async function* ndjsonRecords(input: Readable, file: string): AsyncGenerator<SourceRecord> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    const trimmed = line.trim();
    if (!trimmed) continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      yield { at: { file, line: n }, kind: "unreadable", message: `not valid JSON: ${(err as Error).message}` };
      continue;
    }
    yield fromJson(value, { file, line: n });
  }
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString("utf8");
}

/** Bytes read so far from the files being imported, for a progress bar. */
export interface ReadProgress {
  bytesRead: number;
}

function counted(stream: Readable, progress: ReadProgress): Readable {
  stream.on("data", (chunk: Buffer | string) => (progress.bytesRead += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length));
  return stream;
}

/**
 * Every record in `files` ("-" is stdin), in order. The format is `format` when given, else the
 * file's extension, else what its content looks like. NDJSON is streamed.
 */
export async function* readRecords(files: readonly string[], options: { format?: InputFormat; stdin?: Readable; progress?: ReadProgress } = {}): AsyncGenerator<SourceRecord> {
  const progress = options.progress ?? { bytesRead: 0 };
  for (const file of files) {
    let stream: Readable = file === "-" ? (options.stdin ?? process.stdin) : fs.createReadStream(file);
    let format = options.format ?? (file === "-" ? null : formatOfPath(file));
    if (!format) {
      // Sniff the first chunk, then read on from where it left off.
      const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
      const first = await iterator.next();
      const head = first.done ? "" : first.value.toString();
      format = sniffFormat(head);
      const rest = stream;
      stream = Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
          rest.destroy();
        })(),
      );
    }
    stream = counted(stream, progress);
    const modifiedAt = file === "-" ? undefined : fs.statSync(file, { throwIfNoEntry: false })?.mtime;
    const dated = (r: SourceRecord): SourceRecord => (r.kind === "raw" && modifiedAt ? { ...r, modifiedAt } : r);
    try {
      if (format === "ndjson") {
        for await (const r of ndjsonRecords(stream, file)) yield dated(r);
        continue;
      }
      const text = await readAll(stream);
      if (format === "json") yield* parseJsonDocument(text, file).map(dated);
      else yield dated({ at: { file }, kind: "raw", format, raw: format === "html" ? { html: text } : { text } });
    } catch (err) {
      yield { at: { file }, kind: "unreadable", message: `cannot read: ${(err as Error).message}` };
    }
  }
}
