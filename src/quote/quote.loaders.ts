import { trackedColumns } from "../common/graphql-types";
import { asNode, byIdLoader, groupLoader } from "../common/loader-helpers";
import type { Queryable } from "../common/sql";
import type { QuoteRow } from "./quote.type";
import { type AnonymousSourceRow, anonymousSourceOf } from "./anonymous-source.type";

export const QUOTE_COLUMNS =
  `q.id AS "dbId", q.text, q.article_id AS "articleId", q.speaker_expert_id AS "speakerExpertId", ` +
  `q.speaker_organization_id AS "speakerOrganizationId", q.speaker_description AS "speakerDescription", ` +
  `q.speaker_description_organization_id AS "speakerDescriptionOrganizationId", q.channel, q.said_on::text AS "saidOn", q.is_partial AS "isPartial", ` +
  `q.position, q.start_offset AS "startOffset", q.end_offset AS "endOffset", q.confidence, ${trackedColumns("q")}`;
export const toQuote = asNode<QuoteRow>("Quote");

export const quoteById = (db: Queryable) => byIdLoader(db, `SELECT ${QUOTE_COLUMNS} FROM quote q WHERE q.id = ANY($1::uuid[])`, toQuote);

/** AnonymousSource by its quote's key (`node(id:)`); null when the quote is gone or names its speaker. */
export const anonymousSourceById = (db: Queryable) =>
  byIdLoader<AnonymousSourceRow | null>(
    db,
    `SELECT q.id AS "dbId", q.speaker_description AS "speakerDescription", q.speaker_description_organization_id AS "speakerDescriptionOrganizationId"
       FROM quote q WHERE q.id = ANY($1::uuid[]) AND q.speaker_description IS NOT NULL`,
    (row) => anonymousSourceOf(row as unknown as QuoteRow),
  );

export const quotesByArticle = (db: Queryable) =>
  groupLoader(
    db,
    `SELECT q.article_id AS "parentId", ${QUOTE_COLUMNS} FROM quote q WHERE q.article_id = ANY($1::uuid[]) ORDER BY q.article_id, q.position, q.id`,
    toQuote,
  );
