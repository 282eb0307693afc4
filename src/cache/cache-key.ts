import { createHash } from "node:crypto";
import { BREAK, type DocumentNode, Kind, print, visit } from "graphql";

interface DocumentFacts {
  /** SHA-256 of the printed document: the same for any spacing, comments or commas. */
  readonly hash: string;
  /** Selects `__schema` or `__type` somewhere: introspection is never cached. */
  readonly introspection: boolean;
}

// Apollo's document store hands back the same DocumentNode for the same query text, so each
// document is printed and walked once, not once per request.
const facts = new WeakMap<DocumentNode, DocumentFacts>();

function factsOf(document: DocumentNode): DocumentFacts {
  let known = facts.get(document);
  if (!known) {
    let introspection = false;
    visit(document, {
      Field(node) {
        if (node.name.value === "__schema" || node.name.value === "__type") {
          introspection = true;
          return BREAK;
        }
        return undefined;
      },
    });
    known = { hash: createHash("sha256").update(print(document)).digest("hex"), introspection };
    facts.set(document, known);
  }
  return known;
}

/** JSON with every object's keys in sorted order, so `{a, b}` and `{b, a}` are one key. */
export function sortedJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(record[k])}`).join(",")}}`;
}

/** True when the document is one the cache may answer at all (no introspection). */
export function cacheableDocument(document: DocumentNode): boolean {
  return !factsOf(document).introspection && document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION);
}

/** The cache key of one request: its normalized document, operation name, variables and role. */
export function cacheKey(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined, role: string): string {
  return createHash("sha256")
    .update(factsOf(document).hash)
    .update("\0")
    .update(operationName ?? "")
    .update("\0")
    .update(sortedJson(variables ?? {}))
    .update("\0")
    .update(role)
    .digest("base64url");
}
