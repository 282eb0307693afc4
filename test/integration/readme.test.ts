import fs from "node:fs";
import path from "node:path";
import { createTestApp, type TestApp } from "../helpers/app";

/** The README's example queries, each followed by its output: they must stay true. */
const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
const EXAMPLES = [...README.matchAll(/```graphql\n([\s\S]*?)```\s*```json\n([\s\S]*?)```/g)].map((m) => ({ query: m[1], output: JSON.parse(m[2]) }));

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
});

test("the README has at least three example queries with outputs", () => {
  expect(EXAMPLES.length).toBeGreaterThanOrEqual(3);
});

test.each(EXAMPLES.map((e, i) => [i + 1, e] as const))("README example %i returns what the README shows", async (_n, example) => {
  const r = await app.graphql(example.query);
  expect({ data: r.data, ...(r.errors ? { errors: r.errors } : {}) }).toEqual(example.output);
});
