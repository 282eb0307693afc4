import { InMemoryLRUCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { DocumentNode } from "graphql";

/** Documents longer than this (in characters of source) are parsed and validated each time, never kept. */
export const MAX_CACHED_DOCUMENT_CHARS = 20_000;

/**
 * Apollo Server's cache of parsed, validated documents, bounded so that hostile requests cannot
 * make it hold much: a document of 50,000 aliases is valid GraphQL, and Apollo's default store
 * would keep its AST (many times its 3 MB source) after the cost limit refused to run it. Real
 * operations are a few kilobytes; anything larger is not worth keeping.
 */
export class DocumentStore implements KeyValueCache<DocumentNode> {
  private readonly cache = new InMemoryLRUCache<DocumentNode>({ maxSize: 8 * 1024 * 1024 });

  get(key: string): Promise<DocumentNode | undefined> {
    return this.cache.get(key);
  }

  async set(key: string, value: DocumentNode): Promise<void> {
    if ((value.loc?.end ?? Infinity) > MAX_CACHED_DOCUMENT_CHARS) return;
    await this.cache.set(key, value);
  }

  delete(key: string): Promise<boolean | void> {
    return this.cache.delete(key);
  }
}
