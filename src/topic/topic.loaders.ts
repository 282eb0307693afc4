import { trackedColumns } from "../common/graphql-types";
import { asNode, byIdLoader, linkLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { TopicRow } from "./topic.type";

export const TOPIC_COLUMNS = `t.id AS "dbId", t.slug, t.name, ${trackedColumns("t")}`;
export const toTopic = asNode<TopicRow>("Topic");

export const topicById = (db: Queryable) => byIdLoader(db, `SELECT ${TOPIC_COLUMNS} FROM topic t WHERE t.id = ANY($1::uuid[])`, toTopic);

export const topicsByArticle = (db: Queryable) =>
  linkLoader(db, { link: "article_topic", parent: "article_id", child: "topic_id", target: "topic t", columns: TOPIC_COLUMNS, orderBy: "t.name, t.id" }, toTopic);
