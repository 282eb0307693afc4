import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import { notFound } from "../common/errors";
import { expectGlobalId, toGlobalId } from "../common/global-id";
import { RefResolver, cleanName } from "../common/ref-resolver";
import { freeSlug, hashSlug, slugify } from "../common/slug";
import { invalidInput } from "../common/validation";
import { type ColumnChanges, type Tx, assertUnique, conflict, staleVersion, updateChanged, writeTransaction } from "../common/write";
import type { Context } from "../context";
import type { ExpertInput, ExpertPatch } from "./expert-write.inputs";
import { EXPERT_COLUMNS, toExpert } from "./expert.loaders";
import type { ExpertRow } from "./expert.type";

async function readExpert(tx: Tx, id: string): Promise<ExpertRow> {
  return toExpert((await tx.one(`SELECT ${EXPERT_COLUMNS} FROM expert x WHERE x.id = $1`, [id]))!);
}

function cleanAliases(aliases: string[] | null | undefined, name: string): string[] {
  const seen = new Set([name.toLowerCase()]);
  const out: string[] = [];
  for (const a of aliases ?? []) {
    const c = cleanName(a);
    if (c && !seen.has(c.toLowerCase())) {
      seen.add(c.toLowerCase());
      out.push(c);
    }
  }
  return out;
}

const EXPERT_SLUG = { table: "expert", column: "slug", type: "Expert", field: "input.slug" } as const;

/** createExpert, updateExpert, mergeExperts. */
export class ExpertWrites {
  /** A new person; CONFLICT when the same name (or alias) with the same organization exists, so concurrent creates make one. */
  static async create(ctx: Context, input: ExpertInput): Promise<ExpertRow> {
    await requireRole(ctx, Role.EDITOR);
    return writeTransaction(ctx, async (tx) => {
      const name = cleanName(input.name);
      const r = new RefResolver(tx);
      await r.lock({ speakers: [{ name }], organizations: input.organization ? [input.organization] : [] });
      const organizationId = input.organization ? await r.organization(input.organization, "input.organization") : null;
      r.assertResolved();
      const same = await tx.one<{ id: string }>(
        `SELECT id FROM expert WHERE name_keys && newsgraph_name_keys($1, $2::text[]) AND organization_id IS NOT DISTINCT FROM $3 ORDER BY created_at LIMIT 1`,
        [name, input.aliases ?? [], organizationId],
      );
      if (same) throw conflict(`An expert named "${name}"${organizationId ? " with this organization" : ""} exists`, { existingId: toGlobalId("Expert", same.id) });
      if (input.slug) await assertUnique(tx, EXPERT_SLUG, input.slug, null);
      const slug = input.slug ?? (await freeSlug(tx, "expert", slugify(name) || hashSlug("expert", name)));
      const row = await tx.one<{ id: string }>(
        `INSERT INTO expert (slug, name, aliases, title, kind, organization_id, country, description)
         VALUES ($1, $2, $3, $4, coalesce($5, 'other'), $6, $7, $8) RETURNING id`,
        [slug, name, cleanAliases(input.aliases, name), input.title?.trim() || null, input.kind ?? null, organizationId, input.country ?? null, input.description?.trim() || null],
      );
      return readExpert(tx, row!.id);
    });
  }

  static async update(ctx: Context, id: string, patch: ExpertPatch, expectedVersion: number): Promise<ExpertRow> {
    await requireRole(ctx, Role.EDITOR);
    const dbId = expectGlobalId(id, ["Expert"], "id").id;
    const nulls = (["name", "kind"] as const).filter((k) => patch[k] === null);
    if (nulls.length) throw invalidInput(nulls.map((k) => ({ field: `input.${k}`, message: "cannot be null", constraint: "notNull" })));
    return writeTransaction(ctx, async (tx) => {
      const r = new RefResolver(tx);
      await r.lock({ organizations: patch.organization ? [patch.organization] : [] });
      const current = await tx.one<{ version: number; name: string }>(`SELECT version, name FROM expert WHERE id = $1 FOR UPDATE`, [dbId]);
      if (!current) throw notFound(`No expert has id ${id}`, { id });
      if (current.version !== expectedVersion) throw staleVersion("The expert", expectedVersion, current.version);
      const organizationId = patch.organization ? await r.organization(patch.organization, "input.organization") : null;
      r.assertResolved();
      if (patch.slug) await assertUnique(tx, EXPERT_SLUG, patch.slug, dbId);
      const name = patch.name != null ? cleanName(patch.name) : current.name;
      const sets: ColumnChanges = [];
      if (patch.slug != null) sets.push(["slug", patch.slug, "text"]);
      if (patch.name != null) sets.push(["name", name, "text"]);
      if (patch.aliases !== undefined) sets.push(["aliases", cleanAliases(patch.aliases, name), "text[]"]);
      if (patch.title !== undefined) sets.push(["title", patch.title?.trim() || null, "text"]);
      if (patch.kind != null) sets.push(["kind", patch.kind, "text"]);
      if (patch.organization !== undefined) sets.push(["organization_id", organizationId, "uuid"]);
      if (patch.country !== undefined) sets.push(["country", patch.country, "text"]);
      if (patch.description !== undefined) sets.push(["description", patch.description?.trim() || null, "text"]);
      await updateChanged(tx, "expert", dbId, sets);
      return readExpert(tx, dbId);
    });
  }

  /**
   * Folds duplicates into one person: their quotes, article mentions and event participations move
   * to `into`, their names and aliases become aliases of `into`, details `into` lacks (title,
   * organization, country, description) are taken from them, and they are deleted.
   */
  static async merge(ctx: Context, into: string, from: string[]): Promise<{ expert: ExpertRow; mergedIds: string[] }> {
    await requireRole(ctx, Role.EDITOR);
    const target = expectGlobalId(into, ["Expert"], "into").id;
    const problems: Array<{ field: string; message: string; constraint: string }> = [];
    const sources: string[] = [];
    if (!from.length) problems.push({ field: "from", message: "give at least one expert to merge", constraint: "arrayNotEmpty" });
    if (from.length > 100) problems.push({ field: "from", message: "at most 100 at once", constraint: "arrayMaxSize" });
    from.forEach((f, i) => {
      try {
        const id = expectGlobalId(f, ["Expert"], `from[${i}]`).id;
        if (id === target) problems.push({ field: `from[${i}]`, message: "is the expert merged into", constraint: "distinct" });
        else if (!sources.includes(id)) sources.push(id);
      } catch {
        problems.push({ field: `from[${i}]`, message: "must be an Expert id", constraint: "reference" });
      }
    });
    if (problems.length) throw invalidInput(problems);
    return writeTransaction(ctx, async (tx) => {
      // Row locks in id order: two merges over the same people wait rather than deadlock.
      const locked = await tx.rows<{ id: string; name: string; aliases: string[] }>(
        `SELECT id, name, aliases FROM expert WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [[target, ...sources]],
      );
      const found = new Set(locked.map((l) => l.id));
      if (!found.has(target)) throw notFound(`No expert has id ${into}`, { id: into });
      const missing = from.filter((f) => !found.has(expectGlobalId(f, ["Expert"], "from").id));
      if (missing.length) throw notFound(`No expert has id ${missing.join(", ")}`, { ids: missing });
      const targetRow = locked.find((l) => l.id === target)!;
      const names = locked.filter((l) => l.id !== target).flatMap((l) => [l.name, ...l.aliases]);
      await tx.exec(`UPDATE quote SET speaker_expert_id = $1 WHERE speaker_expert_id = ANY($2::uuid[])`, [target, sources]);
      // An article that named several of them keeps the located mention, the first by offset.
      await tx.exec(
        `INSERT INTO article_expert (article_id, expert_id, start_offset, end_offset, confidence)
         SELECT DISTINCT ON (article_id) article_id, $1::uuid, start_offset, end_offset, confidence
           FROM article_expert WHERE expert_id = ANY($2::uuid[]) ORDER BY article_id, start_offset NULLS LAST
         ON CONFLICT DO NOTHING`,
        [target, sources],
      );
      await tx.exec(`INSERT INTO event_expert (event_id, expert_id) SELECT DISTINCT event_id, $1::uuid FROM event_expert WHERE expert_id = ANY($2::uuid[]) ON CONFLICT DO NOTHING`, [
        target,
        sources,
      ]);
      await tx.exec(
        `UPDATE expert t SET aliases = $3::text[],
                title = coalesce(t.title, s.title), organization_id = coalesce(t.organization_id, s.organization_id),
                country = coalesce(t.country, s.country), description = coalesce(t.description, s.description),
                kind = CASE WHEN t.kind = 'other' THEN coalesce(s.kind, t.kind) ELSE t.kind END
           FROM (SELECT (array_agg(title ORDER BY created_at) FILTER (WHERE title IS NOT NULL))[1] AS title,
                        (array_agg(organization_id ORDER BY created_at) FILTER (WHERE organization_id IS NOT NULL))[1] AS organization_id,
                        (array_agg(country ORDER BY created_at) FILTER (WHERE country IS NOT NULL))[1] AS country,
                        (array_agg(description ORDER BY created_at) FILTER (WHERE description IS NOT NULL))[1] AS description,
                        (array_agg(kind ORDER BY created_at) FILTER (WHERE kind <> 'other'))[1] AS kind
                   FROM expert WHERE id = ANY($2::uuid[])) s
          WHERE t.id = $1`,
        [target, sources, cleanAliases([...targetRow.aliases, ...names], targetRow.name)],
      );
      await tx.exec(`DELETE FROM expert WHERE id = ANY($1::uuid[])`, [sources]);
      return { expert: await readExpert(tx, target), mergedIds: sources.map((id) => toGlobalId("Expert", id)) };
    });
  }
}
