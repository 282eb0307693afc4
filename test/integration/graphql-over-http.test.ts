import { serverAudits } from "graphql-http";
import { startTestServer, type TestServer } from "../helpers/server";

// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/): graphql-http's own audits,
// MUST, SHOULD and MAY, run against the real server on the configured database. CSRF prevention
// stays on: three MAY audits send a simple GET (no content type, no preflight-forcing header) —
// exactly what a cross-site form can forge — and are refused on purpose.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const REFUSED_BY_CSRF_PREVENTION = new Set(["5A70", "D6D5", "6A70"]);

describe("graphql-http audits", () => {
  for (const audit of serverAudits({ url: () => `${server.url}/graphql`, fetchFn: fetch })) {
    test(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      if (REFUSED_BY_CSRF_PREVENTION.has(audit.id)) {
        expect(audit.name).toMatch(/^MAY .*GET/);
        expect(result.status).not.toBe("ok");
        return;
      }
      if (result.status !== "ok") throw new Error(`${result.status}: ${result.reason}`);
    });
  }

  test("every MUST and SHOULD passes: none is excused", () => {
    const audits = serverAudits({ url: () => `${server.url}/graphql`, fetchFn: fetch });
    expect(audits.filter((a) => REFUSED_BY_CSRF_PREVENTION.has(a.id)).every((a) => a.name.startsWith("MAY"))).toBe(true);
    expect(audits.filter((a) => a.name.startsWith("SHOULD")).length).toBeGreaterThanOrEqual(23);
  });
});

describe("the status of a request error follows the media type of the answer", () => {
  const post = (body: unknown, accept?: string) =>
    fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...(accept ? { accept } : {}) }, body: JSON.stringify(body) });

  test.each([
    ["a parse failure", { query: "{ articles(first: 1 { totalCount } }" }, "GRAPHQL_PARSE_FAILED"],
    ["a validation failure", { query: "{ articles { noSuchField } }" }, "GRAPHQL_VALIDATION_FAILED"],
    ["a variable that does not coerce", { query: "query($n: Int) { articles(first: $n) { totalCount } }", variables: { n: "ten" } }, "BAD_USER_INPUT"],
    ["a limit that refuses the query", { query: "{" + Array.from({ length: 120 }, (_, i) => `a${i}: articles(first: 100) { nodes { quotes { text } } }`).join(" ") + "}" }, "QUERY_TOO_COSTLY"],
  ])("%s: 200 as application/json, 400 as application/graphql-response+json, coded either way", async (_name, body, code) => {
    for (const [accept, status, type] of [
      [undefined, 200, "application/json"],
      ["application/json", 200, "application/json"],
      ["application/graphql-response+json, application/json;q=0.9", 400, "application/graphql-response+json"],
    ] as const) {
      const res = await post(body, accept);
      expect({ accept, status: res.status }).toEqual({ accept, status });
      expect(res.headers.get("content-type")).toContain(type);
      const json = (await res.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(json.data).toBeUndefined();
      expect(json.errors[0].extensions.code).toBe(code);
    }
  });

  test("a request that is not GraphQL (no query) stays 400 for every client", async () => {
    for (const accept of [undefined, "application/json", "application/graphql-response+json"]) {
      const res = await post({ variables: {} }, accept);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("BAD_REQUEST");
    }
  });
});
