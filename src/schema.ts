import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth/auth-checker";
import { validateArgument } from "./common/validation";
import { ApiKeyResolver } from "./auth/api-key.resolver";
import { ArticleResolver } from "./article/article.resolver";
import { EventResolver } from "./event/event.resolver";
import { ExpertResolver } from "./expert/expert.resolver";
import { NodeResolver } from "./node.resolver";
import { OrganizationResolver } from "./organization/organization.resolver";
import { PlaceResolver } from "./place/place.resolver";
import { QuoteResolver } from "./quote/quote.resolver";
import { TopicResolver } from "./topic/topic.resolver";
import { Article, ArticleImage } from "./article/article.type";
import { Event } from "./event/event.type";
import { Expert } from "./expert/expert.type";
import { Organization } from "./organization/organization.type";
import { Place } from "./place/place.type";
import { Quote } from "./quote/quote.type";
import { Topic } from "./topic/topic.type";

export const RESOLVERS = [
  NodeResolver,
  ArticleResolver,
  QuoteResolver,
  ExpertResolver,
  OrganizationResolver,
  PlaceResolver,
  TopicResolver,
  EventResolver,
  ApiKeyResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** Builds the schema once per process (type-graphql's metadata is global). */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    orphanedTypes: [Article, ArticleImage, Event, Expert, Organization, Place, Quote, Topic],
    validate: true,
    validateFn: validateArgument,
    authChecker,
    emitSchemaFile: false,
  });
  return built;
}
