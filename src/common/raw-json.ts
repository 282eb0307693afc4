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

/**
 * {@link stringifyResult} with a cap: an answer larger than `maxBytes` (UTF-8) is replaced by one
 * RESPONSE_TOO_LARGE error, so no client is sent, and no proxy buffers, an unbounded body.
 */
export function cappedStringifyResult(maxBytes: number, onRefused?: (bytes: number) => void) {
  return (result: { data?: unknown; errors?: unknown; extensions?: unknown }): string => {
    const text = stringifyResult(result);
    // A UTF-16 code unit is at most 3 bytes of UTF-8: most answers need no byte count at all.
    if (text.length * 3 <= maxBytes) return text;
    const bytes = Buffer.byteLength(text);
    if (bytes <= maxBytes) return text;
    onRefused?.(bytes);
    return JSON.stringify({
      errors: [
        {
          message: `The answer (${bytes} bytes) is larger than the limit of ${maxBytes} bytes (NEWSGRAPH_MAX_RESPONSE_BYTES). Ask for fewer fields or smaller pages.`,
          extensions: { code: "RESPONSE_TOO_LARGE", bytes, limit: maxBytes },
        },
      ],
    });
  };
}
