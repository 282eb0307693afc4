import { type ConceptFacets, periodKey } from "../facet/facet";
import { FACET_NODES } from "../facet/facet-nodes";
import { SAID_DAY } from "./said-day";

const SAID = `${SAID_DAY}::timestamp`;

/**
 * The facets of `quotes`, over QuoteService.list's aliases (`q`, its article `a`): the speaker, the
 * organizations as `filter.organization` matches them, and the article's topics, places,
 * publisher, section and language.
 */
export const QUOTE_FACETS: ConceptFacets = {
  topics: { node: FACET_NODES.topic, keys: { multi: `SELECT l.topic_id AS key FROM article_topic l WHERE l.article_id = q.article_id` } },
  experts: { node: FACET_NODES.expert, keys: { multi: `SELECT q.speaker_expert_id AS key WHERE q.speaker_expert_id IS NOT NULL` } },
  organizations: {
    node: FACET_NODES.organization,
    keys: {
      multi:
        `SELECT q.speaker_organization_id AS key WHERE q.speaker_organization_id IS NOT NULL ` +
        `UNION SELECT q.speaker_description_organization_id WHERE q.speaker_description_organization_id IS NOT NULL ` +
        `UNION SELECT x.organization_id FROM expert x WHERE x.id = q.speaker_expert_id AND x.organization_id IS NOT NULL`,
    },
  },
  places: { node: FACET_NODES.place, keys: { multi: `SELECT l.place_id AS key FROM article_place l WHERE l.article_id = q.article_id` } },
  publishers: { node: FACET_NODES.organization, keys: { single: `a.publisher_id` } },
  sections: { keys: { single: `a.sections[1]` } },
  languages: { keys: { single: `a.language` } },
  byDay: { period: true, keys: periodKey("day", SAID) },
  byWeek: { period: true, keys: periodKey("week", SAID) },
  byMonth: { period: true, keys: periodKey("month", SAID) },
};
