import fs from "node:fs";
import path from "node:path";
import { createTestApp, type TestApp } from "../helpers/app";
import { createKey } from "../helpers/keys";

/**
 * The README's example queries, each directly followed by its output: they must stay true. A query
 * whose output comes after some text is checked elsewhere (its capture never crosses a fence).
 */
const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
const EXAMPLES = [...README.matchAll(/```graphql\n((?:(?!```)[\s\S])*?)```\s*```json\n([\s\S]*?)```/g)].map((m) => ({ query: m[1], output: JSON.parse(m[2]) }));

let app: TestApp;
/** Mutation examples run with an editor key named as the README shows in `createdBy`. */
let editor: Record<string, string>;
beforeAll(async () => {
  app = await createTestApp();
  editor = (await createKey(app, "editor", "wire importer")).headers;
});
afterAll(async () => {
  await app?.close();
});

test("the README has at least three example queries with outputs", () => {
  expect(EXAMPLES.length).toBeGreaterThanOrEqual(3);
});

test.each(EXAMPLES.map((e, i) => [i + 1, e] as const))("README example %i returns what the README shows", async (_n, example) => {
  const r = await app.graphql(example.query, undefined, /^\s*mutation\b/.test(example.query) ? editor : {});
  expect({ data: r.data, ...(r.errors ? { errors: r.errors } : {}) }).toEqual(example.output);
});

test("the README's mutation example, sent again, changes nothing, as the README says", async () => {
  const mutations = EXAMPLES.filter((e) => /^\s*mutation\b/.test(e.query));
  expect(mutations.length).toBeGreaterThanOrEqual(1);
  for (const m of mutations) {
    await app.graphql(m.query, undefined, editor);
    const again = await app.graphql(m.query, undefined, editor);
    const [field] = Object.keys(again.data);
    expect(again.data[field!].status).toBe("UNCHANGED");
    expect(again.data[field!].article).toEqual(m.output.data[field!].article);
  }
});
