import "reflect-metadata";
import { type GraphQLSchema, type OperationDefinitionNode, parse } from "graphql";
import { getComplexity } from "graphql-query-complexity";
import { costEstimator, operationDepth } from "../../src/plugins/limits.plugin";
import { createSchema } from "../../src/schema";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

const cost = (query: string, variables: Record<string, unknown> = {}) =>
  getComplexity({ schema, query: parse(query), variables, estimators: [costEstimator(20)] });
const depth = (query: string) => {
  const doc = parse(query);
  return operationDepth(doc, doc.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode);
};

test("the front page the README prices costs 3021", () => {
  // 1 + 20 × (node 1 + quotes 10 × (1 + speaker 1 + organization 1) + experts 10 × 1 + events 10 × (1 + places 10 × 1))
  expect(cost(`{ articles(first: 20) { edges { node { headline quotes { text speaker { name ... on Expert { organization { name } } } } experts { name } events { title places { name } } } } } }`)).toBe(3021);
});

test("leaves are free, objects cost 1, connections multiply by their page size", () => {
  expect(cost(`{ articles(first: 10) { totalCount } }`)).toBe(1);
  expect(cost(`{ articles(first: 10) { nodes { headline } } }`)).toBe(11);
  expect(cost(`{ articles(first: 10) { edges { node { headline } } } }`)).toBe(11);
  expect(cost(`{ articles { nodes { id } } }`)).toBe(21);
  expect(cost(`query($n: Int) { articles(last: $n) { nodes { id } } }`, { n: 5 })).toBe(6);
  expect(cost(`{ nodes(ids: ["a", "b", "c"]) { id } }`)).toBe(3);
  expect(cost(`{ article(slug: "x") { quotes { text } } }`)).toBe(11);
  expect(cost(`{ article(slug: "x") { quotes { speaker { name } } } }`)).toBe(21);
});

test("introspection is free", () => {
  expect(cost(`{ __schema { types { name fields { name args { name type { name ofType { name } } } } } } }`)).toBe(0);
  expect(cost(`{ __type(name: "Article") { fields { name } } articles(first: 2) { nodes { id } } }`)).toBe(3);
});

test("depth counts fields, not fragments, and ignores __typename", () => {
  expect(depth(`{ articles { totalCount } }`)).toBe(2);
  expect(depth(`{ articles { edges { node { __typename ... on Article { headline } } } } }`)).toBe(4);
  expect(depth(`query { a: articles { ...F } } fragment F on ArticleConnection { nodes { quotes { text } } }`)).toBe(4);
});

test("a cyclic fragment spread does not loop forever", () => {
  const doc = parse(`query { articles { ...A } } fragment A on ArticleConnection { nodes { id } ...A }`);
  expect(operationDepth(doc, doc.definitions[0] as OperationDefinitionNode)).toBe(3);
});
