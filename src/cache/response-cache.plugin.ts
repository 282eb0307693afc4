import type { ApolloServerPlugin } from "@apollo/server";
import { RawJson } from "../common/raw-json";
import type { Config } from "../config";
import type { Context } from "../context";
import { cacheKey, cacheableDocument } from "./cache-key";
import type { CachedAnswer, ResponseCache } from "./response-cache";

/** The role of a request without an API key: the only one whose answers are cached. */
const ANONYMOUS = "anonymous";

/**
 * Answers anonymous queries from {@link ResponseCache}, and stores the answers it did not hold.
 * Registered after auth, limits and rate limits (their didResolveOperation has run: a hit is still
 * refused or charged like any read) and before the planner, so a hit costs no SQL and no execution.
 *
 * Cached: queries (never mutations or subscriptions, never `__schema`/`__type`) of requests with
 * no API key, whose answer has no errors and no extensions. A GET of a persisted query gets
 * `Cache-Control: public, max-age=<TTL>`, an `ETag` and `Vary`, so a CDN or browser can keep it
 * (the server answers 304 to a matching `If-None-Match`, see {@link notModified}); POST answers
 * get no public Cache-Control.
 */
export function responseCachePlugin(cache: ResponseCache | null, config: Pick<Config, "responseCache">): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      if (!cache || contextValue.credentials.kind !== "none") return;
      let key: string | undefined;
      let generation = 0;
      let hit: CachedAnswer | undefined;
      return {
        async responseForOperation(rc) {
          if (rc.operation?.operation !== "query" || !cacheableDocument(rc.document)) return null;
          key = cacheKey(rc.document, rc.operationName, rc.request.variables, ANONYMOUS);
          // Taken before the operation executes: a write that commits meanwhile moves it on, and
          // the answer (which may predate the write) is then not stored.
          generation = cache.generation;
          hit = cache.get(key);
          if (!hit) return null;
          return { http: rc.response.http, body: { kind: "single", singleResult: { data: new RawJson(hit.json) as unknown as Record<string, unknown> } } };
        },
        async willSendResponse({ response, request }) {
          if (!key) return;
          let answer = hit;
          if (!answer) {
            if (response.body.kind !== "single") return;
            const { data, errors, extensions } = response.body.singleResult;
            if (errors?.length || extensions || data == null) return;
            answer = cache.store(key, data instanceof RawJson ? data.json : JSON.stringify(data), generation);
          }
          if (request.http?.method !== "GET" || !request.extensions?.persistedQuery) return;
          const headers = response.http.headers;
          headers.set("cache-control", `public, max-age=${config.responseCache.ttlSeconds}`);
          headers.set("etag", answer.etag);
          headers.set("vary", "accept, authorization");
        },
      };
    },
  };
}

/**
 * True when an `If-None-Match` header names `etag` (or is `*`): the client's copy is current and
 * a 304 with no body answers it. Weak comparison, as RFC 9110 has it for If-None-Match.
 */
export function notModified(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  const want = bare(etag);
  return (Array.isArray(ifNoneMatch) ? ifNoneMatch : [ifNoneMatch]).some((h) => h.split(",").some((t) => t.trim() === "*" || bare(t) === want));
}
