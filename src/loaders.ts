import type DataLoader from "dataloader";
import * as article from "./article/article.loaders";
import type { Queryable } from "./common/sql";
import * as event from "./event/event.loaders";
import * as expert from "./expert/expert.loaders";
import * as organization from "./organization/organization.loaders";
import * as place from "./place/place.loaders";
import * as quote from "./quote/quote.loaders";
import * as topic from "./topic/topic.loaders";

const FACTORIES = {
  articleById: article.articleById,
  articleImageById: article.articleImageById,
  imagesByArticle: article.imagesByArticle,
  mentionsByArticle: article.mentionsByArticle,
  eventById: event.eventById,
  eventsByArticle: event.eventsByArticle,
  titlesByEvent: event.titlesByEvent,
  expertById: expert.expertById,
  expertsByArticle: expert.expertsByArticle,
  expertsByEvent: expert.expertsByEvent,
  organizationById: organization.organizationById,
  organizationsByArticle: organization.organizationsByArticle,
  organizationsByEvent: organization.organizationsByEvent,
  placeById: place.placeById,
  placesByArticle: place.placesByArticle,
  placesByEvent: place.placesByEvent,
  quoteById: quote.quoteById,
  anonymousSourceById: quote.anonymousSourceById,
  quotesByArticle: quote.quotesByArticle,
  topicById: topic.topicById,
  topicsByArticle: topic.topicsByArticle,
};

type Factories = typeof FACTORIES;
type LoaderOf<K extends keyof Factories> = ReturnType<Factories[K]>;

/**
 * The DataLoaders of one request, made on first use. Never shared between requests: a loader
 * caches what it read for the life of the request only.
 */
export class Loaders {
  private readonly made = new Map<string, DataLoader<unknown, unknown>>();

  constructor(readonly db: Queryable) {}

  get<K extends keyof Factories>(name: K): LoaderOf<K> {
    let loader = this.made.get(name);
    if (!loader) this.made.set(name, (loader = FACTORIES[name](this.db) as DataLoader<unknown, unknown>));
    return loader as LoaderOf<K>;
  }

  /** Forgets everything read so far: after a write, later fields read what was written. */
  clear(): void {
    this.made.clear();
  }

  /** A loader for a connection under many parents, one per field and argument set. */
  keyed<K, V>(key: string, make: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.made.get(key);
    if (!loader) this.made.set(key, (loader = make() as DataLoader<unknown, unknown>));
    return loader as DataLoader<K, V>;
  }
}
