import type { ApolloServerPlugin } from "@apollo/server";
import { SpanStatusCode } from "@opentelemetry/api";
import type { Context } from "../context";

/**
 * One span per GraphQL operation over HTTP, named as OpenTelemetry's GraphQL conventions name it
 * ("query FrontPage"), with the operation's type and name, the request id, the number of SQL
 * statements it ran, and the error codes of its answer (status ERROR when there are any). The
 * statements are its child spans (see RequestTrace.statement). Nothing happens for a request
 * without a trace, i.e. whenever tracing is off.
 */
export function tracingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const trace = contextValue.trace;
      if (!trace) return;
      const span = trace.start("graphql", { "newsgraph.request_id": contextValue.requestId });
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          span.setAttribute("graphql.operation.type", operation.operation);
          if (operationName) span.setAttribute("graphql.operation.name", operationName);
          span.updateName(operationName ? `${operation.operation} ${operationName}` : operation.operation);
        },
        async willSendResponse({ response }) {
          span.setAttribute("newsgraph.sql_statements", contextValue.sql.statements);
          // Apollo leaves the status unset when it is 200.
          span.setAttribute("http.response.status_code", response.http.status ?? 200);
          const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          if (errors.length) {
            const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? "UNKNOWN")))];
            span.setAttribute("newsgraph.error_codes", codes);
            span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(", ") });
          }
          span.end();
        },
      };
    },
  };
}
