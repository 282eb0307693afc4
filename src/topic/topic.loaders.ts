import { asNode, byIdLoader, groupLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { TopicRow } from "./topic.type";

export const TOPIC_COLUMNS = `t.id AS "dbId", t.slug, t.name`;
export const toTopic = asNode<TopicRow>("Topic");

export const topicById = (db: Queryable) => byIdLoader(db, `SELECT ${TOPIC_COLUMNS} FROM topic t WHERE t.id = ANY($1::uuid[])`, toTopic);

export const topicsByArticle = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT at.article_id AS "parentId", ${TOPIC_COLUMNS} FROM article_topic at JOIN topic t ON t.id = at.topic_id
     WHERE at.article_id = ANY($1::uuid[]) ORDER BY t.name, t.id`,
    toTopic,
  );
