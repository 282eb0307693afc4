import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth/auth-checker";
import { validateArgument } from "./common/validation";
import { ArticleMutations } from "./article/article.mutations";
import { ApiKeyResolver } from "./auth/api-key.resolver";
import { ArticleResolver, MentionResolver } from "./article/article.resolver";
import { NamedMutations } from "./common/named.mutations";
import { IngestMutations } from "./ingest/ingest.mutations";
import { EventMutations } from "./event/event.mutations";
import { ExpertMutations } from "./expert/expert.mutations";
import { QuoteMutations } from "./quote/quote.mutations";
import { FacetResolver } from "./facet/facet.resolver";
import { EventResolver } from "./event/event.resolver";
import { ExpertResolver } from "./expert/expert.resolver";
import { NodeResolver } from "./node.resolver";
import { OrganizationResolver } from "./organization/organization.resolver";
import { PlaceResolver } from "./place/place.resolver";
import { AnonymousSourceResolver, QuoteResolver } from "./quote/quote.resolver";
import { ArticleEdgeResolver, QuoteEdgeResolver, SearchEdgeResolver, SearchResolver } from "./search/search.resolver";
import { SearchFacetsResolver } from "./search/search-facets.resolver";
import { SubscriptionResolver } from "./subscription/subscription.resolver";
import { TopicResolver } from "./topic/topic.resolver";
import { Article, ArticleImage } from "./article/article.type";
import { Event } from "./event/event.type";
import { Expert } from "./expert/expert.type";
import { Organization } from "./organization/organization.type";
import { Place } from "./place/place.type";
import { Quote } from "./quote/quote.type";
import { AnonymousSource } from "./quote/anonymous-source.type";
import { Topic } from "./topic/topic.type";

export const RESOLVERS = [
  NodeResolver,
  ArticleResolver,
  MentionResolver,
  QuoteResolver,
  AnonymousSourceResolver,
  ExpertResolver,
  OrganizationResolver,
  PlaceResolver,
  TopicResolver,
  EventResolver,
  FacetResolver,
  ArticleMutations,
  QuoteMutations,
  ExpertMutations,
  EventMutations,
  NamedMutations,
  IngestMutations,
  SubscriptionResolver,
  ApiKeyResolver,
  SearchResolver,
  SearchEdgeResolver,
  SearchFacetsResolver,
  ArticleEdgeResolver,
  QuoteEdgeResolver,
] as const;

/**
 * type-graphql insists on a PubSub when the schema has subscriptions, for its `topics` form. Ours
 * use the `subscribe` form and the pub/sub of each connection's context: several app instances
 * share this process (and this schema) in tests, each with its own pub/sub.
 */
const NO_GLOBAL_PUBSUB = {
  publish(): never {
    throw new Error("publish through the context's pubsub");
  },
  subscribe(): never {
    throw new Error("subscribe through the context's pubsub");
  },
};

let built: Promise<GraphQLSchema> | undefined;

/** Builds the schema once per process (type-graphql's metadata is global). */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    orphanedTypes: [Article, ArticleImage, Event, Expert, Organization, Place, Quote, AnonymousSource, Topic],
    validate: true,
    validateFn: validateArgument,
    authChecker,
    pubSub: NO_GLOBAL_PUBSUB,
    emitSchemaFile: false,
  });
  return built;
}
