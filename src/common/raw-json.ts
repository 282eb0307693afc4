/**
 * A part of a response that is already JSON text: the planner's answer as PostgreSQL built it, or
 * a cached answer. `stringifyResult` splices it in as it is, so the server never parses JSON only
 * to serialise it again.
 */
export class RawJson {
  constructor(readonly json: string) {}
}

/** The response body for an execution result whose `data` may be {@link RawJson}. */
export function stringifyResult(result: { data?: unknown; errors?: unknown; extensions?: unknown }): string {
  if (!(result.data instanceof RawJson)) return JSON.stringify(result);
  const raw = result.data.json;
  const { data: _data, ...rest } = result;
  const others = JSON.stringify(rest);
  // `errors` (when any) first, then `data`, then `extensions`, as Apollo orders them.
  if (others === "{}") return `{"data":${raw}}`;
  const errors = rest.errors !== undefined ? `"errors":${JSON.stringify(rest.errors)},` : "";
  const extensions = rest.extensions !== undefined ? `,"extensions":${JSON.stringify(rest.extensions)}` : "";
  return `{${errors}"data":${raw}${extensions}}`;
}
