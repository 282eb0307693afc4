import { type ConceptFacets, periodKey } from "../facet/facet";
import { FACET_NODES } from "../facet/facet-nodes";

const STARTS = `e.starts_on::timestamp`;

/** A value of the articles reporting the event (each value once). */
const reporting = (column: string) =>
  `SELECT DISTINCT ${column} AS key FROM event_article r JOIN article x ON x.id = r.article_id WHERE r.event_id = e.id AND ${column} IS NOT NULL`;

/**
 * The facets of `events`, over EventService.list's alias `e`: participants and places, and the
 * topics, publishers, sections and languages of the articles reporting each event; periods of its
 * first day.
 */
export const EVENT_FACETS: ConceptFacets = {
  topics: {
    node: FACET_NODES.topic,
    keys: { multi: `SELECT DISTINCT l.topic_id AS key FROM event_article r JOIN article_topic l ON l.article_id = r.article_id WHERE r.event_id = e.id` },
  },
  experts: { node: FACET_NODES.expert, keys: { multi: `SELECT l.expert_id AS key FROM event_expert l WHERE l.event_id = e.id` } },
  organizations: { node: FACET_NODES.organization, keys: { multi: `SELECT l.organization_id AS key FROM event_organization l WHERE l.event_id = e.id` } },
  places: { node: FACET_NODES.place, keys: { multi: `SELECT l.place_id AS key FROM event_place l WHERE l.event_id = e.id` } },
  publishers: { node: FACET_NODES.organization, keys: { multi: reporting("x.publisher_id") } },
  sections: { keys: { multi: reporting("x.sections[1]") } },
  languages: { keys: { multi: reporting("x.language") } },
  byDay: { period: true, keys: periodKey("day", STARTS) },
  byWeek: { period: true, keys: periodKey("week", STARTS) },
  byMonth: { period: true, keys: periodKey("month", STARTS) },
};
