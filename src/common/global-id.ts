import { badUserInput } from "./errors";

/** GraphQL type names that carry global ids. */
export type NodeType = "Article" | "Quote" | "Expert" | "Organization" | "Place" | "Topic" | "Event" | "ArticleImage" | "AnonymousSource";

/** An AnonymousSource's id carries its quote's database key: it has no row of its own. */
const NODE_TYPES = new Set<NodeType>(["Article", "Quote", "Expert", "Organization", "Place", "Topic", "Event", "ArticleImage", "AnonymousSource"]);

/**
 * Types with a global id that are not `Node`s: `node(id:)` is a public read and cannot fetch them.
 * An ApiKey is visible to admins only, through `apiKeys`.
 */
export type PrivateIdType = "ApiKey";
export type GlobalIdType = NodeType | PrivateIdType;
const PRIVATE_TYPES = new Set<string>(["ApiKey"] satisfies PrivateIdType[]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a database id (a lower-case uuid). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Opaque global id: base64url of "Type:uuid". */
export function toGlobalId(type: GlobalIdType, id: string): string {
  return Buffer.from(`${type}:${id}`).toString("base64url");
}

/** Decodes a global id of a `Node`, or returns null when it is not one. */
export function parseGlobalId(globalId: string): { type: NodeType; id: string } | null {
  const parsed = parseAnyGlobalId(globalId);
  return parsed && NODE_TYPES.has(parsed.type as NodeType) ? (parsed as { type: NodeType; id: string }) : null;
}

/** Decodes a global id of any type, `Node` or not, or returns null when it is not one. */
function parseAnyGlobalId(globalId: string): { type: GlobalIdType; id: string } | null {
  if (typeof globalId !== "string" || globalId.length > 80 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  const type = decoded.slice(0, colon) as GlobalIdType;
  const id = decoded.slice(colon + 1);
  if (!(NODE_TYPES.has(type as NodeType) || PRIVATE_TYPES.has(type)) || !UUID.test(id)) return null;
  return { type, id };
}

/** Decodes a global id of one of the expected types or throws BAD_USER_INPUT naming the argument. */
export function expectGlobalId<T extends GlobalIdType>(globalId: string, types: readonly T[], argument: string): { type: T; id: string } {
  const parsed = parseAnyGlobalId(globalId);
  if (!parsed || !(types as readonly string[]).includes(parsed.type)) {
    throw badUserInput(`Argument "${argument}" is not a valid ${types.join(" or ")} id: "${globalId}"`, argument);
  }
  return parsed as { type: T; id: string };
}
