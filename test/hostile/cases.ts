/**
 * The hostile-input corpus: requests an attacker, a fuzzer or a broken client sends. Each case is
 * plain data; test/e2e/hostile.test.ts sends them to the real server.
 */
export interface HttpCase {
  kind: "http";
  name: string;
  method: "GET" | "POST";
  /** Path and query string. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface WsCase {
  kind: "ws";
  name: string;
  /** Raw frames sent after the socket opens, in order. */
  frames: (string | Buffer)[];
  /** Stop reading from the socket after sending (a client that never reads). */
  neverRead?: boolean;
}

export type HostileCase = HttpCase | WsCase;

const JSON_HEADERS = { "content-type": "application/json" };
const gql = (name: string, query: string, variables?: unknown, extra: Record<string, unknown> = {}): HttpCase => ({
  kind: "http",
  name,
  method: "POST",
  path: "/graphql",
  headers: JSON_HEADERS,
  body: JSON.stringify({ query, ...(variables === undefined ? {} : { variables }), ...extra }),
});

const CONNECTIONS = ["articles", "quotes", "experts", "events", "organizations", "places", "topics"];
const NODE_FIELDS: Record<string, string> = {
  articles: "headline",
  quotes: "text",
  experts: "name",
  events: "title",
  organizations: "name",
  places: "name",
  topics: "name",
};

/** Strings that break naive SQL, full-text parsers, JSON and UTF-8 handling. */
const JUNK = [
  "'; DROP TABLE article; --",
  '" OR 1=1 --',
  "a & | ! ( ) :* <-> b",
  "-",
  '"',
  '""',
  "or or or",
  "!!!",
  "\\",
  "%_%",
  "a:*",
  "<->",
  "&&&&&&",
  "🙂🙂🙂",
  "x".repeat(10_000),
  "\ud800",
  "a\udfffb",
  "a\u0000b",
  "\u202e\u0000",
  " ",
  "$1",
  "${jndi:ldap://x}",
  "<script>alert(1)</script>",
  "-tokyo -summit -",
  '"unterminated phrase',
];

function nested(depth: number): string {
  let inner = "name";
  for (let i = 0; i < depth; i++) inner = `organization { name members(first: 2) { nodes { name ${inner} } } }`;
  return `{ experts(first: 2) { nodes { ${inner} } } }`;
}

function fragmentExplosion(levels: number, width: number): string {
  const frags: string[] = [`fragment F0 on Article { headline }`];
  for (let i = 1; i <= levels; i++) frags.push(`fragment F${i} on Article { ${Array.from({ length: width }, () => `...F${i - 1}`).join(" ")} }`);
  return `{ articles(first: 100) { nodes { ...F${levels} } } } ${frags.join(" ")}`;
}

export function httpCases(): HttpCase[] {
  const cases: HttpCase[] = [];
  // Deep nesting.
  for (const depth of [7, 10, 13, 20, 40, 100, 300]) cases.push(gql(`nesting ${depth} levels`, nested(depth)));
  cases.push(gql("nesting 2,000 brackets", "{" + "a{".repeat(2_000) + "}".repeat(2_001)));
  // Aliases of a heavy field.
  for (const n of [101, 500, 2_000, 10_000, 50_000]) {
    cases.push(gql(`${n} aliases of a full page`, "{" + Array.from({ length: n }, (_, i) => `a${i}: articles(first: 100) { totalCount nodes { body quotes { text } } }`).join(" ") + "}"));
  }
  cases.push(gql("99 aliases of a full page", "{" + Array.from({ length: 99 }, (_, i) => `a${i}: articles(first: 100) { totalCount nodes { body quotes { text } } }`).join(" ") + "}"));
  // Root fields without aliases, repeated.
  cases.push(gql("the same root field 5,000 times", "{" + " articles(first: 100) { totalCount }".repeat(5_000) + "}"));
  // Fragment cycles and explosions.
  cases.push(gql("fragment cycle of two", `{ articles { nodes { ...A } } } fragment A on Article { ...B } fragment B on Article { ...A }`));
  cases.push(gql("fragment cycle of one", `{ articles { nodes { ...A } } } fragment A on Article { headline ...A }`));
  cases.push(gql("fragment cycle of three", `{ articles { nodes { ...A } } } fragment A on Article { ...B } fragment B on Article { ...C } fragment C on Article { ...A }`));
  cases.push(gql("fragment cycle through inline fragments", `{ articles { nodes { ...A } } } fragment A on Article { ... on Article { ...A } }`));
  for (const [levels, width] of [[5, 5], [10, 3], [20, 2], [30, 2], [8, 10]]) cases.push(gql(`fragment explosion ${width}^${levels}`, fragmentExplosion(levels, width)));
  cases.push(gql("unknown fragment", `{ articles { nodes { ...Nope } } }`));
  cases.push(gql("fragment on a wrong type", `{ articles { nodes { ...F } } } fragment F on Quote { text }`));
  // Directive floods.
  for (const n of [100, 1_000, 5_000]) cases.push(gql(`${n} @include directives on one field`, `{ __typename ${"@include(if: true) ".repeat(n)}}`));
  cases.push(gql("unknown directive", `{ __typename @nope }`));
  cases.push(gql("@skip with a missing variable", `query($s: Boolean!) { __typename @skip(if: $s) }`));
  cases.push(gql("@include with a string", `{ __typename @include(if: "yes") }`));
  cases.push(gql("directives on 2,000 fields", "{" + Array.from({ length: 2_000 }, () => "__typename @skip(if: false)").join(" ") + "}"));
  // Page sizes.
  for (const root of CONNECTIONS) {
    for (const size of ["-1", "0", "101", "2147483647", "99999999999", "1.5", '"ten"', "null"]) {
      cases.push(gql(`${root}(first: ${size})`, `{ ${root}(first: ${size}) { totalCount nodes { ${NODE_FIELDS[root]} } } }`));
    }
    cases.push(gql(`${root}(first and last)`, `{ ${root}(first: 5, last: 5) { totalCount } }`));
    cases.push(gql(`${root}(last: 1000)`, `{ ${root}(last: 1000) { totalCount } }`));
  }
  // Forged cursors.
  const cursors = ["x", "", "AAAA", Buffer.from("not json").toString("base64"), Buffer.from('{"k":["a"]}').toString("base64url"), Buffer.from("[1,2,3,4,5,6,7,8,9]").toString("base64url"), "a".repeat(5_000), "\u0000", "%00"];
  for (const root of CONNECTIONS) {
    for (const c of cursors) cases.push(gql(`${root}(after: forged ${c.slice(0, 12)})`, `query($c: String) { ${root}(first: 2, after: $c) { totalCount } }`, { c }));
  }
  // Forged ids.
  const ids = ["", "x", "QXJ0aWNsZTox", Buffer.from("Article:not-a-uuid").toString("base64"), Buffer.from("Nope:00000000-0000-4000-8000-000000000000").toString("base64"), "\ud800", "a\u0000b", "9".repeat(10_000), "../../etc/passwd", "' OR 1=1"];
  for (const id of ids) {
    cases.push(gql(`node(id: ${id.slice(0, 12)})`, `query($id: ID!) { node(id: $id) { id } }`, { id }));
    cases.push(gql(`nodes(ids: [${id.slice(0, 12)}])`, `query($id: ID!) { nodes(ids: [$id, $id]) { id } }`, { id }));
  }
  cases.push(gql("nodes with 10,000 ids", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: 10_000 }, (_, i) => `id${i}`) }));
  // Junk in every search and filter.
  const targets: [string, string][] = [
    ["articles search", `query($v: String) { articles(filter: { search: $v }) { totalCount nodes { headline } } }`],
    ["quotes search", `query($v: String) { quotes(filter: { search: $v }) { totalCount nodes { text } } }`],
    ["experts search", `query($v: String) { experts(filter: { search: $v }) { totalCount nodes { name } } }`],
    ["article slug", `query($v: String) { article(slug: $v) { id } }`],
    ["articles section", `query($v: String) { articles(filter: { section: $v }) { totalCount } }`],
  ];
  for (const [target, query] of targets) for (const v of JUNK) cases.push(gql(`${target}: ${JSON.stringify(v).slice(0, 20)}`, query, { v }));
  // Bad dates.
  for (const d of ["2024-13-01", "not a date", "9999999-01-01T00:00:00Z", "", "2024-02-30T00:00:00Z", "1e400", "-0001-01-01"]) {
    cases.push(gql(`publishedAfter ${d}`, `query($d: DateTime) { articles(filter: { publishedAfter: $d }) { totalCount } }`, { d }));
  }
  cases.push(gql("a date literal that is a number", `{ articles(filter: { publishedAfter: 12 }) { totalCount } }`));
  // Malformed JSON and odd bodies.
  for (const [name, body] of [
    ["truncated JSON", '{"query": "{ __typename'],
    ["JSON array of nothing", "[]"],
    ["JSON null", "null"],
    ["JSON string", '"{ __typename }"'],
    ["JSON number", "42"],
    ["query is an object", '{"query": {"a": 1}}'],
    ["query is null", '{"query": null}'],
    ["variables is a string", '{"query": "{ __typename }", "variables": "x"}'],
    ["extensions is a number", '{"query": "{ __typename }", "extensions": 5}'],
    ["operationName is an array", '{"query": "{ __typename }", "operationName": []}'],
    ["__proto__ pollution", '{"query": "{ __typename }", "variables": {"__proto__": {"admin": true}}, "__proto__": {"x": 1}}'],
    ["deeply nested JSON", '{"query": "{ __typename }", "variables": {"a": ' + "[".repeat(5_000) + "]".repeat(5_000) + "}}"],
    ["empty body", ""],
    ["whitespace body", "   \n  "],
    ["BOM then JSON", "\ufeff{\"query\": \"{ __typename }\"}"],
    ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ["NUL in the query", '{"query": "{ __typename \\u0000 }"}'],
    ["lone surrogate in the query", '{"query": "{ article(slug: \\"\\ud800\\") { id } }"}'],
  ] as [string, string | Buffer][]) {
    cases.push({ kind: "http", name, method: "POST", path: "/graphql", headers: JSON_HEADERS, body });
  }
  // Unknown operations.
  cases.push(gql("operationName that is not in the document", `query A { __typename }`, undefined, { operationName: "B" }));
  cases.push(gql("two anonymous operations", `{ __typename } { __typename }`));
  cases.push(gql("a subscription over HTTP", `subscription { articlePublished { id } }`));
  cases.push(gql("a mutation without a key", `mutation { deleteArticle(id: "x") }`));
  cases.push(gql("an unknown field", `{ nope }`));
  cases.push(gql("a persisted query hash that does not exist", "", undefined, { extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }));
  // Batches.
  for (const n of [2, 100, 1_000]) {
    cases.push({ kind: "http", name: `batch of ${n}`, method: "POST", path: "/graphql", headers: JSON_HEADERS, body: JSON.stringify(Array.from({ length: n }, () => ({ query: "{ articles(first: 100) { totalCount } }" }))) });
  }
  // Wrong content types.
  for (const type of ["text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/xml", "application/json; charset=latin1", "image/png"]) {
    cases.push({ kind: "http", name: `content type ${type}`, method: "POST", path: "/graphql", headers: { "content-type": type }, body: '{"query": "{ __typename }"}' });
  }
  cases.push({ kind: "http", name: "no content type", method: "POST", path: "/graphql", body: '{"query": "{ __typename }"}' });
  // Large bodies and variables.
  cases.push({ kind: "http", name: "10 MB body", method: "POST", path: "/graphql", headers: JSON_HEADERS, body: JSON.stringify({ query: "{ __typename }", variables: { x: "a".repeat(10 * 1024 * 1024) } }) });
  cases.push({ kind: "http", name: "100 MB body", method: "POST", path: "/graphql", headers: JSON_HEADERS, body: Buffer.alloc(100 * 1024 * 1024, 0x20) });
  cases.push(gql("200,000 variables", `{ __typename }`, Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`v${i}`, i]))));
  cases.push(gql("200,000 declared variables", "query(" + Array.from({ length: 20_000 }, (_, i) => `$v${i}: Int`).join(" ") + ") { __typename }"));
  cases.push(gql("a 4 MB string variable in a search", `query($v: String) { articles(filter: { search: $v }) { totalCount } }`, { v: "tokyo ".repeat(700_000) }));
  // Introspection depth.
  let ofType = "name";
  for (let i = 0; i < 30; i++) ofType = `name ofType { ${ofType} }`;
  cases.push(gql("introspection 30 ofType levels", `{ __schema { types { fields { type { ${ofType} } } } } }`));
  cases.push(gql("introspection of every type's fields' args' types", `{ __schema { types { fields { args { type { fields { args { type { name } } } } } } } } }`));
  cases.push(gql("introspection aliased 100 times", "{" + Array.from({ length: 100 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(" ") + "}"));
  // GET.
  cases.push({ kind: "http", name: "GET mutation", method: "GET", path: "/graphql?query=" + encodeURIComponent("mutation { deleteArticle(id: \"x\") }"), headers: { "apollo-require-preflight": "true" } });
  cases.push({ kind: "http", name: "GET without a preflight header", method: "GET", path: "/graphql?query=" + encodeURIComponent("{ __typename }"), headers: { accept: "application/json" } });
  cases.push({ kind: "http", name: "GET with junk variables", method: "GET", path: "/graphql?query=%7B__typename%7D&variables=%7Bnope", headers: { "apollo-require-preflight": "true", accept: "application/json" } });
  cases.push({ kind: "http", name: "GET with a 100 kB query string", method: "GET", path: "/graphql?query=" + "%7B".repeat(30_000), headers: { "apollo-require-preflight": "true", accept: "application/json" } });
  return cases;
}

export function wsCases(): WsCase[] {
  const init = JSON.stringify({ type: "connection_init" });
  const sub = (id: string, query: string, variables?: unknown) => JSON.stringify({ id, type: "subscribe", payload: { query, variables } });
  const cases: WsCase[] = [
    { kind: "ws", name: "not JSON", frames: ["{{{"] },
    { kind: "ws", name: "JSON without a type", frames: ['{"id": 1}'] },
    { kind: "ws", name: "unknown message type", frames: [init, '{"type": "nope"}'] },
    { kind: "ws", name: "subscribe before connection_init", frames: [sub("1", "subscription { articlePublished { id } }")] },
    { kind: "ws", name: "connection_init twice", frames: [init, init] },
    { kind: "ws", name: "subscribe without an id", frames: [init, JSON.stringify({ type: "subscribe", payload: { query: "subscription { articlePublished { id } }" } })] },
    { kind: "ws", name: "subscribe with a junk query", frames: [init, sub("1", "subscription { {{ ")] },
    { kind: "ws", name: "subscribe to an unknown field", frames: [init, sub("1", "subscription { nope }")] },
    { kind: "ws", name: "a query over the socket with 10,000 aliases", frames: [init, sub("1", "{" + Array.from({ length: 10_000 }, (_, i) => `a${i}: articles(first: 100) { nodes { body } }`).join(" ") + "}")] },
    { kind: "ws", name: "the same id subscribed twice", frames: [init, sub("1", "subscription { articlePublished { id } }"), sub("1", "subscription { articlePublished { id } }")] },
    { kind: "ws", name: "binary frame", frames: [Buffer.from([0, 1, 2, 3, 255])] },
    { kind: "ws", name: "complete for an unknown id", frames: [init, '{"type": "complete", "id": "zzz"}'] },
    { kind: "ws", name: "ping flood", frames: [init, ...Array.from({ length: 500 }, () => '{"type": "ping"}')] },
    { kind: "ws", name: "a thousand subscribe messages", frames: [init, ...Array.from({ length: 1_000 }, (_, i) => sub(`s${i}`, "subscription { articlePublished { id headline } }"))] },
    { kind: "ws", name: "oversized payload (6 MB)", frames: [init, sub("1", "subscription { articlePublished { id } }", { x: "a".repeat(6 * 1024 * 1024) })] },
    { kind: "ws", name: "a socket that never reads", frames: [init, sub("1", "subscription { articlePublished { id headline body } }"), ...Array.from({ length: 200 }, () => '{"type": "ping"}')], neverRead: true },
    { kind: "ws", name: "connection_init with a junk payload", frames: [JSON.stringify({ type: "connection_init", payload: "x".repeat(100_000) })] },
    { kind: "ws", name: "connection_init with a forged key", frames: [JSON.stringify({ type: "connection_init", payload: { authorization: "Bearer ng_forged" } })] },
  ];
  for (const v of JUNK.slice(0, 12)) cases.push({ kind: "ws", name: `subscription filter junk ${JSON.stringify(v).slice(0, 16)}`, frames: [init, sub("1", "subscription($s: String) { quoteAdded(speaker: $s) { id } }", { s: v })] });
  return cases;
}

export function hostileCases(): HostileCase[] {
  return [...httpCases(), ...wsCases()];
}
