import { type Attributes, type Context as OtelContext, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from "@opentelemetry/sdk-trace";
import type { Logger } from "pino";
import type { Config } from "../config";

/** The SQL text a span carries is cut here: statements built for big batches run to many kB. */
const MAX_SQL_CHARS = 2_000;

/**
 * OpenTelemetry tracing, on when an OTLP endpoint is configured (off otherwise, at no cost: no
 * span objects, no wrapping). One span per GraphQL operation, continuing the caller's trace from
 * its `traceparent` header, with one child span per SQL statement the operation ran. Spans go to
 * the endpoint as OTLP/HTTP JSON in batches; {@link shutdown} sends what is left.
 *
 * Spans are parented explicitly (no AsyncLocalStorage context manager), so tracing adds no hook to
 * every promise of the process.
 */
export class Tracing {
  private readonly propagator = new W3CTraceContextPropagator();

  private constructor(
    private readonly provider: TracerProvider,
    readonly tracer: Tracer,
  ) {}

  static create(config: Config["tracing"], log: Logger): Tracing | null {
    if (!config.endpoint) return null;
    const exporter = new OTLPTraceExporter({ url: config.endpoint });
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": config.serviceName }),
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
      spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: config.flushMs })],
    });
    log.info({ endpoint: config.endpoint, serviceName: config.serviceName, sampleRatio: config.sampleRatio }, "tracing to an OTLP endpoint");
    return new Tracing(provider, provider.getTracer("newsgraph"));
  }

  /** The caller's trace context from W3C `traceparent` / `tracestate` headers, or none. */
  incoming(headers: Record<string, string | string[] | undefined>): OtelContext {
    return this.propagator.extract(ROOT_CONTEXT, headers, {
      get: (carrier, key) => carrier[key],
      keys: (carrier) => Object.keys(carrier),
    });
  }

  /** Starts a request's trace; its spans are parented on `parent` (from {@link incoming}). */
  request(parent: OtelContext = ROOT_CONTEXT): RequestTrace {
    return new RequestTrace(this.tracer, parent);
  }

  /** Sends the spans still buffered and stops. */
  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

/** The spans of one request: its operation span and the statements under it. */
export class RequestTrace {
  private span: Span | undefined;
  private spanContext: OtelContext | undefined;

  constructor(
    private readonly tracer: Tracer,
    private readonly parent: OtelContext,
  ) {}

  /** Opens the operation span (once); statements run before it are parented on the caller's trace. */
  start(name: string, attributes: Attributes): Span {
    if (!this.span) {
      this.span = this.tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, this.parent);
      this.spanContext = trace.setSpan(this.parent, this.span);
    }
    return this.span;
  }

  get operation(): Span | undefined {
    return this.span;
  }

  /** The trace id, for log lines. */
  get traceId(): string | undefined {
    return this.span?.spanContext().traceId;
  }

  /** Runs one SQL statement in a client span named as OpenTelemetry's conventions name them ("SELECT article"). */
  async statement<T>(sql: string, run: () => Promise<T>): Promise<T> {
    const { operation, target } = describeStatement(sql);
    const span = this.tracer.startSpan(
      target ? `${operation} ${target}` : operation,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          "db.system.name": "postgresql",
          "db.operation.name": operation,
          ...(target ? { "db.collection.name": target } : {}),
          "db.query.text": sql.length > MAX_SQL_CHARS ? sql.slice(0, MAX_SQL_CHARS) + "…" : sql,
        },
      },
      this.spanContext ?? this.parent,
    );
    try {
      return await run();
    } catch (err) {
      const e = err as { code?: unknown; message?: unknown };
      if (typeof e.code === "string") span.setAttribute("db.response.status_code", e.code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: typeof e.message === "string" ? e.message.slice(0, 500) : undefined });
      throw err;
    } finally {
      span.end();
    }
  }
}

/** The words of a statement outside parentheses, string literals, quoted names and comments (lower case). */
function topLevelWords(sql: string): string[] {
  const words: string[] = [];
  let depth = 0;
  for (let i = 0; i < sql.length; ) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      if (depth === 0 && c === '"') words.push(sql.slice(i + 1, end < 0 ? sql.length : end).toLowerCase());
      i = end < 0 ? sql.length : end + 1;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "(") {
      depth++;
      i++;
    } else if (c === ")") {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$.]/.test(sql[j])) j++;
      if (depth === 0) words.push(sql.slice(i, j).toLowerCase());
      i = j;
    } else i++;
  }
  return words;
}

const VERBS = new Set(["select", "insert", "update", "delete", "merge"]);

/**
 * The statement's verb and its main table, read off its top level: for `WITH ... INSERT INTO quote`
 * that is INSERT and quote, for a SELECT with sub-selects in its column list the table after its
 * own FROM. Other statements (BEGIN, SET, ...) are named by their first word.
 */
export function describeStatement(sql: string): { operation: string; target?: string } {
  const words = topLevelWords(sql);
  const at = words.findIndex((w) => VERBS.has(w));
  if (at < 0) return { operation: (words[0] ?? "sql").toUpperCase() };
  const verb = words[at];
  const after = (keyword: string) => {
    const k = words.indexOf(keyword, at + 1);
    return k >= 0 ? words[k + 1] : undefined;
  };
  const target = verb === "insert" || verb === "merge" ? after("into") : verb === "update" ? words[at + 1] : after("from");
  const name = target && /^[a-z_][a-z0-9_$.]*$/.test(target) && !VERBS.has(target) ? target.replace(/^public\./, "") : undefined;
  return { operation: verb.toUpperCase(), ...(name ? { target: name } : {}) };
}
