import { Field, ObjectType } from "type-graphql";
import { Node, type NodeRow, Speaker } from "../common/graphql-types";
import { toGlobalId } from "../common/global-id";
import type { QuoteRow } from "./quote.type";

/** The speaker of an anonymous quote, as `Quote.speaker` and `node(id:)` hand it to GraphQL. */
export interface AnonymousSourceRow extends NodeRow {
  __typename: "AnonymousSource";
  /** The description: what `Speaker.name` shows. */
  name: string;
  description: string;
  affiliationId: string | null;
  /** Database key of the quote (also `dbId`: an anonymous source is its quote's speaker, nothing more). */
  quoteId: string;
}

/**
 * An unnamed speaker, as the article describes them. It is not a row of its own: each anonymous
 * quote has one, identified by the quote (two "senior officials" in two articles are not known to
 * be one person, so they are never merged).
 */
@ObjectType("AnonymousSource", {
  implements: [Node, Speaker],
  simpleResolvers: true,
  description:
    'The speaker of an anonymous quote: someone the article does not name, only describes ("a senior State Department official", ' +
    '"two people familiar with the talks"). `name` is that description; `affiliation` the organization it names. One per quote: ' +
    "its id is fetched with `node(id:)`, and the same description in two quotes is two sources.",
})
export class AnonymousSource extends Speaker {
  @Field({ description: "The description as the article gives it; the same as `name`." })
  description!: string;
}

/** The anonymous source of a quote row, or null when its speaker is named. */
export function anonymousSourceOf(q: Pick<QuoteRow, "dbId" | "speakerDescription" | "speakerDescriptionOrganizationId">): AnonymousSourceRow | null {
  if (q.speakerDescription == null) return null;
  return {
    __typename: "AnonymousSource",
    id: toGlobalId("AnonymousSource", q.dbId),
    dbId: q.dbId,
    quoteId: q.dbId,
    name: q.speakerDescription,
    description: q.speakerDescription,
    affiliationId: q.speakerDescriptionOrganizationId,
  };
}
