import { getIntrospectionQuery } from "graphql";
import { createTestApp, type TestApp } from "../helpers/app";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
});

test("GraphiQL's full introspection query passes the depth and cost limits", async () => {
  const r = await app.graphql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true }));
  expect(r.errors).toBeUndefined();
  const names = r.data.__schema.types.map((t: { name: string }) => t.name);
  expect(names).toEqual(expect.arrayContaining(["Article", "Quote", "Expert", "Speaker", "Node", "ArticleConnection"]));
  expect(r.sql).toBe(0);
});
