/**
 * Answers of the three servers in one common form, so they can be checked equal item by item:
 * articles are known by slug, quotes by text, people by slug or name; dates as ISO instants;
 * enum values in lower case; lists whose order the API does not define are sorted.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where two answers first differ ("articles[3].quotes[1].text: "a" ≠ "b""), or null when equal. */
export function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
  if (a === b) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return a.length === b.length ? null : `${path}: ${a.length} items ≠ ${b.length} items`;
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (d) return d;
    }
    return null;
  }
  return `${path}: ${short(a)} ≠ ${short(b)}`;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** An instant as ISO 8601 UTC with milliseconds, whatever offset notation the server used. */
export function instant(value: unknown): string | null {
  if (value == null) return null;
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error(`not a date-time: ${JSON.stringify(value)}`);
  return date.toISOString();
}

/** A day as YYYY-MM-DD. */
export function day(value: unknown): string | null {
  return value == null ? null : String(value).slice(0, 10);
}

export function lower(value: unknown): string | null {
  return value == null ? null : String(value).toLowerCase();
}

/** Sorted by the JSON text of a key, so lists without a defined order compare as sets. */
export function sortedBy<T>(items: T[], key: (item: T) => unknown): T[] {
  return [...items].sort((x, y) => {
    const a = JSON.stringify(key(x));
    const b = JSON.stringify(key(y));
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

export interface Speaker {
  type: "Expert" | "Organization";
  name: string;
  title: string | null;
  organization: string | null;
}

/** newsgraph's `speaker { __typename name ... on Expert { title organization { name } } }`. */
export function newsgraphSpeaker(s: { __typename: string; name: string; title?: string | null; organization?: { name: string } | null }): Speaker {
  return s.__typename === "Expert"
    ? { type: "Expert", name: s.name, title: s.title ?? null, organization: s.organization?.name ?? null }
    : { type: "Organization", name: s.name, title: null, organization: null };
}

/** PostGraphile's quote: `expertBySpeakerExpertId { ... }` or `organizationBySpeakerOrganizationId { name }`. */
export function postgraphileSpeaker(q: {
  expertBySpeakerExpertId?: { name: string; title: string | null; organizationByOrganizationId: { name: string } | null } | null;
  organizationBySpeakerOrganizationId?: { name: string } | null;
}): Speaker {
  const x = q.expertBySpeakerExpertId;
  if (x) return { type: "Expert", name: x.name, title: x.title ?? null, organization: x.organizationByOrganizationId?.name ?? null };
  const o = q.organizationBySpeakerOrganizationId;
  if (!o) throw new Error("PostGraphile quote without a speaker");
  return { type: "Organization", name: o.name, title: null, organization: null };
}

export type { Json };
