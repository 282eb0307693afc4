import { execFileSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Response,
} from "playwright-core";
import { createKey } from "../helpers/keys";
import { startTestServer, type TestServer } from "../helpers/server";

jest.setTimeout(60_000);

const HEADLINE = "Top US Officials in Asia on First Overseas Visit";
const MOJIBAKE = "Â";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * The full text of GraphiQL's response editor. CodeMirror only puts the lines
 * in view into the DOM, so the pane's `innerText` can miss part of a long
 * response; the editor instance hangs off its wrapper element.
 */
const RESPONSE_TEXT = `(() => {
  const wrapper = document.querySelector(".graphiql-response .CodeMirror");
  return wrapper && wrapper.CodeMirror ? wrapper.CodeMirror.getValue() : "";
})()`;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  try {
    const found = execFileSync("which", [command], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return found && isExecutable(found) ? found : undefined;
  } catch {
    return undefined;
  }
}

function findChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (isExecutable(configured)) return configured;
    console.warn(`CHROMIUM_PATH=${configured} is not an executable file; looking elsewhere`);
  }
  if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
  return onPath("chromium") ?? onPath("chromium-browser");
}

function runningInCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
}

const chromiumPath = findChromium();

if (!chromiumPath) {
  const reason =
    "no Chromium found (set CHROMIUM_PATH, or install /usr/bin/chromium, " +
    "or put chromium or chromium-browser on PATH)";
  if (runningInCi()) {
    test("Chromium is available for the GraphiQL browser tests", () => {
      throw new Error(`CI is set but ${reason}`);
    });
  } else {
    console.warn(`Skipping GraphiQL browser tests: ${reason}`);
  }
}

const describeInBrowser = chromiumPath ? describe : describe.skip;

describeInBrowser("GraphiQL in a browser", () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let pageResponse: Response;
  let origin: string;
  const requested: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    origin = new URL(server.url).origin;

    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    context = await browser.newContext();
    await context.route("**/*", (route) =>
      new URL(route.request().url()).origin === origin
        ? route.continue()
        : route.abort("blockedbyclient"),
    );
    page = await context.newPage();
    page.on("request", (request) => {
      requested.push(request.url());
    });

    const response = await page.goto(`${server.url}/graphql`, { waitUntil: "load" });
    if (!response) throw new Error(`no response for ${server.url}/graphql`);
    pageResponse = response;
    await page.locator(".graphiql-execute-button").waitFor({ state: "visible", timeout: 30_000 });
    await page
      .locator(".graphiql-query-editor .CodeMirror")
      .waitFor({ state: "visible", timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("serves the page as UTF-8 HTML", async () => {
    expect(pageResponse.status()).toBe(200);
    const contentType = pageResponse.headers()["content-type"] ?? "";
    expect(contentType).toContain("text/html");
    expect(contentType.toLowerCase().replace(/\s+/g, "")).toContain("charset=utf-8");
  });

  test("runs the example query and shows the headline in the response pane", async () => {
    await page.locator(".graphiql-execute-button").click();
    const showsHeadline = `${RESPONSE_TEXT}.includes(${JSON.stringify(HEADLINE)})`;
    await page.waitForFunction(showsHeadline, undefined, { timeout: 30_000 });

    const responseText = await page.evaluate<string>(RESPONSE_TEXT);
    expect(responseText).toContain(HEADLINE);
    const result = JSON.parse(responseText) as { data?: unknown; errors?: unknown };
    expect(result.errors).toBeUndefined();
    expect(result.data).toBeDefined();
  });

  test("the live tab streams a subscription over graphql-ws into the response pane", async () => {
    if (!server) throw new Error("test server did not start");
    const app = server.app;
    const [quote] = await app.sql(
      `SELECT q.id, q.article_id AS "articleId", coalesce(q.speaker_expert_id, q.speaker_organization_id) AS "speakerId", q.text
         FROM quote q ORDER BY q.position LIMIT 1`,
    );
    await page.locator(".graphiql-tab", { hasText: "LiveQuotes" }).click();
    await page.waitForFunction(
      `(() => { const e = document.querySelector(".graphiql-query-editor .CodeMirror"); return e && e.CodeMirror.getValue().includes("subscription LiveQuotes"); })()`,
      undefined,
      { timeout: 10_000 },
    );
    // GraphiQL takes the operation name from the editor after a debounce; run earlier and it sends
    // the previous tab's name ("Unknown operation named FrontPage").
    await page.waitForTimeout(1000);
    await page.locator(".graphiql-execute-button").click();
    // The server registers the subscription a moment after GraphiQL sends it: publish until it shows.
    const publish = setInterval(() => app.running.pubsub.publish("QUOTE_ADDED", { quoteId: quote.id, articleId: quote.articleId, speakerId: quote.speakerId }), 200);
    try {
      await page.waitForFunction(`${RESPONSE_TEXT}.includes(${JSON.stringify(quote.text.slice(0, 40))})`, undefined, { timeout: 30_000 });
    } finally {
      clearInterval(publish);
    }
    const result = JSON.parse(await page.evaluate<string>(RESPONSE_TEXT)) as { data?: { quoteAdded?: { text: string } }; errors?: unknown };
    expect(result.errors).toBeUndefined();
    expect(result.data?.quoteAdded?.text).toBe(quote.text);
    // Stops the subscription (the execute button toggles while it runs).
    await page.locator(".graphiql-execute-button").click();
  });

  /** Opens the tab of `operation`, types an editor key into its Headers pane, runs it, and returns the response. */
  async function runWithKey(operation: string, key: string): Promise<{ data?: Record<string, any>; errors?: unknown }> {
    await page.locator(".graphiql-tab", { hasText: operation }).click();
    await page.waitForFunction(
      `(() => { const e = document.querySelector(".graphiql-query-editor .CodeMirror"); return e && e.CodeMirror.getValue().includes("mutation ${operation}"); })()`,
      undefined,
      { timeout: 10_000 },
    );
    await page.getByRole("button", { name: "Headers" }).click();
    const headersEditor = ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror";
    await page.locator(headersEditor).waitFor({ state: "visible", timeout: 10_000 });
    expect(await page.evaluate<string>(`document.querySelector(${JSON.stringify(headersEditor)}).CodeMirror.getValue()`)).toContain("Bearer <paste an editor key here>");
    await page.evaluate(`document.querySelector(${JSON.stringify(headersEditor)}).CodeMirror.setValue(${JSON.stringify(JSON.stringify({ Authorization: `Bearer ${key}` }))})`);
    await page.waitForTimeout(1000);
    await page.locator(".graphiql-execute-button").click();
    await page.waitForFunction(`${RESPONSE_TEXT}.includes('"status"') || ${RESPONSE_TEXT}.includes('"errors"')`, undefined, { timeout: 30_000 });
    return JSON.parse(await page.evaluate<string>(RESPONSE_TEXT));
  }

  test("the write tab runs upsertArticle with an editor key typed into the Headers pane", async () => {
    if (!server) throw new Error("test server did not start");
    const { key } = await createKey(server.app, "editor", "browser desk");
    const result = await runWithKey("WriteArticle", key);
    expect(result.errors).toBeUndefined();
    expect(result.data?.upsertArticle).toMatchObject({ status: "CREATED", article: { createdBy: "browser desk" } });
    expect(result.data?.upsertArticle?.article.quotes).toHaveLength(1);
  });

  test("the ingest tab turns raw text into quotes, speakers and events", async () => {
    if (!server) throw new Error("test server did not start");
    const { key } = await createKey(server.app, "editor", "browser ingest");
    const result = await runWithKey("IngestArticle", key);
    expect(result.errors).toBeUndefined();
    const { status, article } = result.data!.ingestArticle;
    expect(status).toBe("CREATED");
    expect(article.quotes.length).toBeGreaterThanOrEqual(2);
    for (const q of article.quotes) expect(q.speaker.name).toBe("Ana Moreira");
    expect(article.quotes[0].channel).toBe("told reporters");
    expect(article.events).toContainEqual(expect.objectContaining({ startsOn: "2024-06-11", places: [{ name: "Lisbon" }] }));
  });

  test("the search tab ranks the demo data across types, with highlights", async () => {
    await page.locator(".graphiql-tab", { hasText: "SearchEverything" }).click();
    await page.waitForFunction(
      `(() => { const e = document.querySelector(".graphiql-query-editor .CodeMirror"); return e && e.CodeMirror.getValue().includes("query SearchEverything"); })()`,
      undefined,
      { timeout: 10_000 },
    );
    await page.waitForTimeout(1000);
    await page.locator(".graphiql-execute-button").click();
    await page.waitForFunction(`${RESPONSE_TEXT}.includes('"highlights"') || ${RESPONSE_TEXT}.includes('"errors"')`, undefined, { timeout: 30_000 });
    const result = JSON.parse(await page.evaluate<string>(RESPONSE_TEXT)) as { data?: { search: { edges: Array<{ node: { __typename: string; title?: string }; highlights: unknown[] }> } }; errors?: unknown };
    expect(result.errors).toBeUndefined();
    const [best] = result.data!.search.edges;
    expect(best!.node).toMatchObject({ __typename: "Event", title: "Biden administration North Korea policy review" });
    expect(best!.highlights.length).toBeGreaterThan(0);
  });

  test("the search-with-facets tab shows results with highlights and facets that sum to totalCount", async () => {
    await page.locator(".graphiql-tab", { hasText: "SearchWithFacets" }).click();
    await page.waitForFunction(
      `(() => { const e = document.querySelector(".graphiql-query-editor .CodeMirror"); return e && e.CodeMirror.getValue().includes("query SearchWithFacets"); })()`,
      undefined,
      { timeout: 10_000 },
    );
    await page.waitForTimeout(1000);
    await page.locator(".graphiql-execute-button").click();
    await page.waitForFunction(`${RESPONSE_TEXT}.includes('"facets"') || ${RESPONSE_TEXT}.includes('"errors"')`, undefined, { timeout: 30_000 });
    type Answer = { search: { totalCount: number; edges: Array<{ highlights: unknown[] }>; facets: { types: Array<{ count: number }>; topics: Array<{ node: { name: string } }> } } };
    const result = JSON.parse(await page.evaluate<string>(RESPONSE_TEXT)) as { data?: Answer; errors?: unknown };
    expect(result.errors).toBeUndefined();
    const { totalCount, edges, facets } = result.data!.search;
    expect(edges[0]!.highlights.length).toBeGreaterThan(0);
    expect(facets.types.reduce((n, b) => n + b.count, 0)).toBe(totalCount);
    expect(facets.topics.map((b) => b.node.name)).toContain("North Korea");
  });

  test("shows no mojibake", async () => {
    const texts = [
      await page.title(),
      await page.locator("body").innerText(),
      await page.evaluate<string>(RESPONSE_TEXT),
      await pageResponse.text(),
    ];
    for (const text of texts) {
      expect(text).not.toContain(MOJIBAKE);
    }
    expect(await page.title()).toBe("newsgraph · GraphiQL");
  });

  test("loads everything from the test server, nothing from a CDN", () => {
    const fetched = requested.filter((url) => !url.startsWith("data:") && !url.startsWith("blob:"));
    expect(fetched.length).toBeGreaterThan(1);
    const foreign = fetched.filter((url) => new URL(url).origin !== origin);
    expect(foreign).toEqual([]);
  });

  test("GET /graphql with a query parameter still answers with GraphQL JSON", async () => {
    if (!server) throw new Error("test server did not start");
    const query = encodeURIComponent("{__typename}");
    const response = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: {
        accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "apollo-require-preflight": "true",
      },
    });
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/json/);
    expect(body).not.toMatch(/<html/i);
    expect(JSON.parse(body)).toEqual({ data: { __typename: "Query" } });
  });
});
