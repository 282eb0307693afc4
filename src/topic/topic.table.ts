import { articleOrdering } from "../article/article.service";
import { ARTICLE_TABLE } from "../article/article.table";
import { type TableDescription, globalIdSql, trackedSql } from "../planner/sql-json";

/** The Topic fields the planner reads from the `topic` table, and its articles (a connection). */
export const TOPIC_TABLE: TableDescription = {
  typeName: "Topic",
  table: "topic",
  interfaces: ["Node"],
  fields: {
    __typename: () => `'Topic'`,
    id: (t) => globalIdSql("Topic", `${t}.id`),
    slug: (t) => `${t}.slug`,
    name: (t) => `${t}.name`,
    ...trackedSql(),
  },
  relations: {
    // Newest first, as relatedArticles pages them.
    articles: {
      kind: "connection",
      target: () => ARTICLE_TABLE,
      ordering: () => articleOrdering(null, null),
      join: "JOIN article_topic l ON l.article_id = a.id",
      where: (t) => [`l.topic_id = ${t}.id`],
    },
  },
};
