import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTestApp, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";

/**
 * OpenTelemetry tracing through the real pipeline: a tiny OTLP/HTTP collector (JSON, as
 * @opentelemetry/exporter-trace-otlp-http sends it) receives the server's spans. PGlite by
 * default, PostgreSQL with TEST_DATABASE_URL.
 */

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: OtlpValue }>;
  status?: { code?: number; message?: string };
  events?: Array<{ name: string }>;
}
interface Collected {
  service: string | undefined;
  span: OtlpSpan;
}

const valueOf = (v: OtlpValue): unknown =>
  v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : v.boolValue ?? (v.arrayValue ? v.arrayValue.values.map(valueOf) : undefined));
const attrs = (s: OtlpSpan) => Object.fromEntries(s.attributes.map((a) => [a.key, valueOf(a.value)]));

/** OTLP span kinds as the JSON encoding numbers them. */
const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;

describe("OpenTelemetry tracing to an OTLP/HTTP endpoint", () => {
  let collector: http.Server;
  const received: Collected[] = [];
  const posts: Array<{ path: string; contentType: string | undefined }> = [];
  let app: TestApp;

  /** The spans of one trace, once `done` holds for them (the exporter sends every 50 ms here). */
  async function spansOf(traceId: string, done: (spans: OtlpSpan[]) => boolean): Promise<OtlpSpan[]> {
    for (let i = 0; i < 200; i++) {
      const spans = received.filter((c) => c.span.traceId === traceId).map((c) => c.span);
      if (done(spans)) return spans;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`spans of trace ${traceId} did not arrive; got ${received.map((c) => c.span.name).join(", ")}`);
  }

  beforeAll(async () => {
    collector = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        posts.push({ path: req.url ?? "", contentType: req.headers["content-type"] });
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        for (const rs of body.resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a: { key: string }) => a.key === "service.name")?.value?.stringValue;
          for (const ss of rs.scopeSpans ?? []) for (const span of ss.spans ?? []) received.push({ service, span });
        }
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
    const { port } = collector.address() as AddressInfo;
    app = await createTestApp({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_SERVICE_NAME: "newsgraph-test", OTEL_BSP_SCHEDULE_DELAY: "50" });
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => collector?.close(resolve));
  });

  test("a query continues the caller's trace: one server span named for the operation, one client span per SQL statement under it", async () => {
    const traceId = randomBytes(16).toString("hex");
    const callerSpan = randomBytes(8).toString("hex");
    const res = await app.graphql(`query FrontPage { articles(first: 3) { nodes { headline quotes { text speaker { name } } } } }`, undefined, {
      traceparent: `00-${traceId}-${callerSpan}-01`,
    });
    expect(res.errors).toBeUndefined();
    // The planner answers this page with its one (prepared) statement: that statement has its span too.
    expect(res.sql).toBe(1);

    const spans = await spansOf(traceId, (s) => s.some((x) => x.name === "query FrontPage") && s.filter((x) => x.kind === CLIENT).length >= res.sql);
    const operation = spans.find((s) => s.name === "query FrontPage")!;
    expect(operation.kind).toBe(SERVER);
    expect(operation.parentSpanId).toBe(callerSpan);
    expect(attrs(operation)).toMatchObject({ "graphql.operation.type": "query", "graphql.operation.name": "FrontPage", "newsgraph.sql_statements": res.sql, "http.response.status_code": 200 });
    expect(attrs(operation)["newsgraph.request_id"]).toBe(res.headers["x-request-id"]);
    expect(operation.status?.code ?? 0).not.toBe(STATUS_ERROR);

    const statements = spans.filter((s) => s.kind === CLIENT);
    expect(statements).toHaveLength(res.sql);
    for (const s of statements) {
      expect(s.parentSpanId).toBe(operation.spanId);
      expect(attrs(s)).toMatchObject({ "db.system.name": "postgresql", "db.operation.name": "SELECT", "db.query.text": expect.stringMatching(/^\s*(SELECT|WITH)\b/i) });
    }
    // The planner's statement builds its JSON at the top level (no FROM there): its span is "SELECT".
    expect(statements[0].name).toBe("SELECT");
    expect(attrs(statements[0])["db.query.text"]).toMatch(/^SELECT json_build_object\('articles'.* FROM article a /);
    expect(received.find((c) => c.span.traceId === traceId)?.service).toBe("newsgraph-test");
    expect(posts.every((p) => p.path === "/v1/traces" && /json/.test(p.contentType ?? ""))).toBe(true);
  });

  test("without a traceparent each operation starts its own trace", async () => {
    const before = new Set(received.map((c) => c.span.traceId));
    const res = await app.graphql(`query Counts { articles { totalCount } }`);
    expect(res.errors).toBeUndefined();
    let root: OtlpSpan | undefined;
    for (let i = 0; i < 200 && !root; i++) {
      root = received.map((c) => c.span).find((s) => s.name === "query Counts" && !before.has(s.traceId));
      if (!root) await new Promise((r) => setTimeout(r, 50));
    }
    expect(root).toBeDefined();
    expect(root!.parentSpanId || undefined).toBeUndefined();
  });

  test("an operation answered with errors has status ERROR and the codes of its errors", async () => {
    const traceId = randomBytes(16).toString("hex");
    const res = await app.graphql(`query TooBig { articles(first: 100000) { totalCount } }`, undefined, {
      traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01`,
    });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const [operation] = await spansOf(traceId, (s) => s.some((x) => x.name === "query TooBig"));
    expect(operation.status?.code).toBe(STATUS_ERROR);
    expect(attrs(operation)["newsgraph.error_codes"]).toEqual(["BAD_USER_INPUT"]);

    const invalid = randomBytes(16).toString("hex");
    const bad = await app.graphql(`query Broken { articles { nope } }`, undefined, { traceparent: `00-${invalid}-${randomBytes(8).toString("hex")}-01` });
    expect(bad.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const [broken] = await spansOf(invalid, (s) => s.length > 0);
    expect(broken.status?.code).toBe(STATUS_ERROR);
    expect(attrs(broken)["newsgraph.error_codes"]).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  test("a mutation's statements, inside its transaction, are spans under the mutation", async () => {
    const editor = await createKey(app, "editor");
    const traceId = randomBytes(16).toString("hex");
    const res = await app.graphql(
      `mutation AddOrganization($input: OrganizationInput!) { upsertOrganization(input: $input) { status organization { name } } }`,
      { input: { name: `Traced Institute ${randomBytes(3).toString("hex")}` } },
      { ...editor.headers, traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.upsertOrganization.status).toBe("CREATED");
    const spans = await spansOf(traceId, (s) => s.some((x) => x.name === "mutation AddOrganization") && s.some((x) => x.name === "INSERT organization"));
    const operation = spans.find((s) => s.name === "mutation AddOrganization")!;
    const insert = spans.find((s) => s.name === "INSERT organization")!;
    expect(insert.parentSpanId).toBe(operation.spanId);
    expect(attrs(insert)).toMatchObject({ "db.operation.name": "INSERT", "db.collection.name": "organization" });
    // Parameters (names, keys, texts) never go into a span: only the statement with its placeholders.
    expect(JSON.stringify(spans)).not.toMatch(/Traced Institute/);
  });
});
