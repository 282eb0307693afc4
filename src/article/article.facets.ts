import { type ConceptFacets, periodKey } from "../facet/facet";
import { FACET_NODES } from "../facet/facet-nodes";

const PUBLISHED = `a.published_at AT TIME ZONE 'UTC'`;

/**
 * The facets of `articles`, over ArticleService.list's alias `a`. People and organizations are
 * counted as `filter.expert` / `filter.organization` match them, so that a bucket's count is the
 * totalCount of the same filter narrowed to its node.
 */
export const ARTICLE_FACETS: ConceptFacets = {
  topics: { node: FACET_NODES.topic, keys: { multi: `SELECT l.topic_id AS key FROM article_topic l WHERE l.article_id = a.id` } },
  experts: {
    node: FACET_NODES.expert,
    keys: {
      multi:
        // Named (article_expert) or quoted and not named (expert_article, `named` kept by triggers): disjoint, so no deduplication.
        `SELECT l.expert_id AS key FROM article_expert l WHERE l.article_id = a.id ` +
        `UNION ALL SELECT l.expert_id FROM expert_article l WHERE l.article_id = a.id AND NOT l.named`,
    },
  },
  organizations: {
    node: FACET_NODES.organization,
    reads: ["publisher_id"],
    keys: {
      multi:
        `SELECT a.publisher_id AS key WHERE a.publisher_id IS NOT NULL ` +
        `UNION SELECT l.organization_id FROM article_organization l WHERE l.article_id = a.id ` +
        `UNION SELECT l.speaker_organization_id FROM quote l WHERE l.article_id = a.id AND l.speaker_organization_id IS NOT NULL`,
    },
  },
  places: { node: FACET_NODES.place, keys: { multi: `SELECT l.place_id AS key FROM article_place l WHERE l.article_id = a.id` } },
  publishers: { node: FACET_NODES.organization, reads: ["publisher_id"], keys: { single: `a.publisher_id` } },
  sections: { reads: ["sections"], keys: { single: `a.sections[1]` } },
  languages: { reads: ["language"], keys: { single: `a.language` } },
  byDay: { period: true, reads: ["published_at"], keys: periodKey("day", PUBLISHED) },
  byWeek: { period: true, reads: ["published_at"], keys: periodKey("week", PUBLISHED) },
  byMonth: { period: true, reads: ["published_at"], keys: periodKey("month", PUBLISHED) },
};
