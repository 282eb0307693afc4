import { trackedColumns } from "../common/graphql-types";
import { asNode, byIdLoader, groupLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { ArticleImageRow, ArticleRow, MentionRow } from "./article.type";

/** Columns of `article` under alias `a` except the body, which lists read only when it is selected. */
export const ARTICLE_COLUMNS_WITHOUT_BODY =
  `a.id AS "dbId", a.slug, a.url, a.headline, a.summary, a.language, a.published_at AS "publishedAt", a.published_at_source AS "publishedAtSource", ` +
  `a.publisher_id AS "publisherId", a.bylines, a.sections, a.word_count AS "wordCount", ${trackedColumns("a")}`;
export const ARTICLE_COLUMNS = `${ARTICLE_COLUMNS_WITHOUT_BODY}, a.body`;

/** The article columns a list needs, given the fields selected on its nodes. */
export function articleColumns(selected: ReadonlySet<string> | null): string {
  return !selected || selected.has("body") ? ARTICLE_COLUMNS : ARTICLE_COLUMNS_WITHOUT_BODY;
}
export const toArticle = asNode<ArticleRow>("Article");

const IMAGE_COLUMNS = `i.id AS "dbId", i.position, i.caption, i.credit, i.url`;
export const toArticleImage = asNode<ArticleImageRow>("ArticleImage");

export const articleById = (db: Queryable) => byIdLoader(db, `SELECT ${ARTICLE_COLUMNS} FROM article a WHERE a.id = ANY($1::uuid[])`, toArticle);

export const articleImageById = (db: Queryable) =>
  byIdLoader(db, `SELECT ${IMAGE_COLUMNS} FROM article_image i WHERE i.id = ANY($1::uuid[])`, toArticleImage);

export const imagesByArticle = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT i.article_id AS "parentId", ${IMAGE_COLUMNS} FROM article_image i WHERE i.article_id = ANY($1::uuid[]) ORDER BY i.article_id, i.position`,
    toArticleImage,
  );

/**
 * What each of many articles names, with provenance, in one statement: people, organizations,
 * places and events, by position in the body with the unlocated last.
 */
export const mentionsByArticle = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT m."parentId", m."nodeType", m."nodeId", m.start_offset AS "startOffset", m.end_offset AS "endOffset", coalesce(m.confidence, 1) AS confidence
       FROM (SELECT article_id AS "parentId", 'Expert' AS "nodeType", 0 AS rank, expert_id AS "nodeId", start_offset, end_offset, confidence FROM article_expert WHERE article_id = ANY($1::uuid[])
             UNION ALL SELECT article_id, 'Organization', 1, organization_id, start_offset, end_offset, confidence FROM article_organization WHERE article_id = ANY($1::uuid[])
             UNION ALL SELECT article_id, 'Place', 2, place_id, start_offset, end_offset, confidence FROM article_place WHERE article_id = ANY($1::uuid[])
             UNION ALL SELECT article_id, 'Event', 3, event_id, start_offset, end_offset, confidence FROM event_article WHERE article_id = ANY($1::uuid[])) m
      ORDER BY m."parentId", m.start_offset NULLS LAST, m.end_offset, m.rank, m."nodeId"`,
    (row) => row as unknown as MentionRow,
  );
