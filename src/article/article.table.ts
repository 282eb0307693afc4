import { type TableDescription, globalIdSql, isoSql } from "../planner/sql-json";

/**
 * The Article fields the planner reads straight from the `article` table, as the resolvers
 * serialise them. Anything not listed (relations, createdBy/updatedBy) makes the planner fall back.
 */
export const ARTICLE_TABLE: TableDescription = {
  typeName: "Article",
  table: "article",
  fields: {
    __typename: () => `'Article'`,
    id: (a) => globalIdSql("Article", `${a}.id`),
    slug: (a) => `${a}.slug`,
    url: (a) => `${a}.url`,
    headline: (a) => `${a}.headline`,
    summary: (a) => `${a}.summary`,
    body: (a) => `${a}.body`,
    language: (a) => `${a}.language`,
    publishedAt: (a) => isoSql(`${a}.published_at`),
    createdAt: (a) => isoSql(`${a}.created_at`),
    updatedAt: (a) => isoSql(`${a}.updated_at`),
    version: (a) => `${a}.version`,
    bylines: (a) => `to_json(${a}.bylines)`,
    sections: (a) => `to_json(${a}.sections)`,
    wordCount: (a) => `${a}.word_count`,
  },
};

/** ArticleImage fields from `article_image`. */
export const ARTICLE_IMAGE_TABLE: TableDescription = {
  typeName: "ArticleImage",
  table: "article_image",
  fields: {
    __typename: () => `'ArticleImage'`,
    id: (i) => globalIdSql("ArticleImage", `${i}.id`),
    position: (i) => `${i}.position`,
    caption: (i) => `${i}.caption`,
    credit: (i) => `${i}.credit`,
    url: (i) => `${i}.url`,
  },
};
