import type { ApolloServerPlugin } from "@apollo/server";
import type { FragmentDefinitionNode } from "graphql";
import { GraphQLError, Kind } from "graphql";
import { ErrorCode, isStatementTimeout } from "../common/errors";
import { formatError } from "../plugins/errors.plugin";
import { RawJson } from "../common/raw-json";
import type { Config } from "../config";
import type { Context } from "../context";
import { OperationMemo } from "../plugins/operation-memo";
import { planOperation } from "./planner";
import { EXECUTOR_MARK } from "./sql-json";

/**
 * Answers a read operation the planner covers with ONE SQL statement whose JSON text PostgreSQL
 * builds; the text is spliced into the response unparsed (RawJson). Anything it does not cover,
 * or a statement that fails, runs through the normal executor and its loaders.
 * Auth, limits and rate limits run earlier (didResolveOperation), errors and metrics later
 * (willSendResponse), so they apply to planned answers too.
 */
export function plannerPlugin(config: Config): ApolloServerPlugin<Context> {
  // A plan depends on the operation and its variables only (schema and limits are the server's):
  // planned once per query shape and variables, not on every request (null, "not plannable", too).
  const planned = new OperationMemo<ReturnType<typeof planOperation>>();
  return {
    async requestDidStart() {
      if (!config.planner) return;
      return {
        async responseForOperation(rc) {
          // No operation ("operationName" names none in the document): the executor answers with its coded error.
          if (!rc.operation) return null;
          const operation = rc.operation;
          const plan = planned.get(operation, rc.request.variables, () => {
            const fragments: Record<string, FragmentDefinitionNode> = {};
            for (const def of rc.document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
            return planOperation(rc.schema, operation, fragments, rc.request.variables, config.limits);
          });
          if (!plan) return null;
          let rows: { json: string }[];
          try {
            // Named by a hash of its text: values are parameters, so the text is one per query shape.
            const db = rc.contextValue.db;
            rows = db.queryPlanned
              ? await db.queryPlanned<{ json: string }[]>(plan.sql, plan.params, { named: plan.prepare })
              : await db.query<{ json: string }[]>(plan.sql, plan.params);
          } catch (err) {
            // Out of time (the request's budget, or PostgreSQL's statement_timeout): answered TIMEOUT
            // as the loaders would be, never run a second time through the executor.
            if (isStatementTimeout(err) || (err instanceof GraphQLError && err.extensions?.code === ErrorCode.TIMEOUT)) {
              rc.contextValue.log.warn({ requestId: rc.contextValue.requestId }, "planned statement timed out");
              const error = formatError({ message: (err as Error).message, extensions: err instanceof GraphQLError ? err.extensions : undefined }, err);
              return { http: rc.response.http, body: { kind: "single", singleResult: { data: null, errors: [error] } } };
            }
            rc.contextValue.log.warn({ err }, "planned statement failed; answering through the executor");
            return null;
          }
          // A case only the resolvers answer (an anonymous quote's speaker): the executor answers it all.
          if (rows[0].json.includes(EXECUTOR_MARK)) return null;
          return { http: rc.response.http, body: { kind: "single", singleResult: { data: new RawJson(rows[0].json) as unknown as Record<string, unknown> } } };
        },
      };
    },
  };
}
