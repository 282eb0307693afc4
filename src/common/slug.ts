import { createHash } from "node:crypto";
import type { Tx } from "./write";

const MAX_SLUG = 80;

/** "Top US Officials in Asia: Day 2" → "top-us-officials-in-asia-day-2"; "" when nothing Latin is left. */
export function slugify(text: string, max = MAX_SLUG): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’.]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const at = cut.lastIndexOf("-");
  return (at > max / 2 ? cut.slice(0, at) : slug.slice(0, max)).replace(/-+$/, "");
}

/** A short stable suffix for text that has no Latin letters to slug. */
export function hashSlug(prefix: string, text: string): string {
  return `${prefix}-${createHash("sha256").update(text).digest("hex").slice(0, 10)}`;
}

/**
 * `base` when no row of `table` has it, else `base-2`, `base-3`, ... (the first free one).
 * Callers hold the name lock, so two writers of the same name do not pick the same slug; a rare
 * race between different names with the same slug ends in a unique violation and a retry.
 */
export async function freeSlug(tx: Tx, table: "article" | "expert" | "organization" | "place" | "topic", base: string): Promise<string> {
  // Probes by equality, so the unique index answers; a pattern match would scan the table.
  for (let from = 1; ; from += 50) {
    const candidates = Array.from({ length: 50 }, (_, i) => (from + i === 1 ? base : `${base}-${from + i}`));
    const taken = new Set((await tx.rows<{ slug: string }>(`SELECT slug FROM ${table} WHERE slug = ANY($1::text[])`, [candidates])).map((r) => r.slug));
    const free = candidates.find((c) => !taken.has(c));
    if (free) return free;
  }
}
