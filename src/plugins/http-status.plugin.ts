import type { ApolloServerPlugin } from "@apollo/server";
import Negotiator from "negotiator";

const GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
const APPLICATION_JSON = "application/json";

/** The media type Apollo answers with for this Accept header (the same negotiation, the same order). */
export function answersGraphqlResponseJson(accept: string | undefined): boolean {
  if (!accept) return false;
  return new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON]) === GRAPHQL_RESPONSE_JSON;
}

/**
 * GraphQL over HTTP: a request that fails to parse, to validate or to coerce its variables (or that
 * a limit refuses) still gets a well-formed GraphQL response. Answered as
 * `application/graphql-response+json` that is a 400; answered as `application/json` — what a client
 * asking only for JSON, or nothing, receives — the spec asks for 200, since such clients read the
 * status as "the server failed" rather than "your document has errors". Requests that are not
 * GraphQL at all (no query, bad JSON: Apollo's BAD_REQUEST, fastify's errors) keep their 400.
 */
export function httpStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const legacyJson = !answersGraphqlResponseJson(request.http?.headers.get("accept"));
      if (!legacyJson) return;
      return {
        async willSendResponse({ response }) {
          if (response.http.status !== 400 || response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors;
          if (errors?.length && errors.every((e) => e.extensions?.code !== "BAD_REQUEST")) response.http.status = 200;
        },
      };
    },
  };
}
