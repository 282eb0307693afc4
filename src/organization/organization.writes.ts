import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import { cleanName } from "../common/ref-resolver";
import { freeSlug, hashSlug, slugify } from "../common/slug";
import { type Tx, lockNames, writeTransaction } from "../common/write";
import type { Context } from "../context";
import type { OrganizationInput } from "./organization-write.inputs";
import { ORGANIZATION_COLUMNS, toOrganization } from "./organization.loaders";
import type { OrganizationRow } from "./organization.type";

async function readOrganization(tx: Tx, id: string): Promise<OrganizationRow> {
  return toOrganization((await tx.one(`SELECT ${ORGANIZATION_COLUMNS} FROM organization o WHERE o.id = $1`, [id]))!);
}

export class OrganizationWrites {
  /**
   * Found by slug when given, else by name or alias; created when new. On a found organization the
   * given name, kind and country are set and the given aliases added (aliases are never dropped here).
   */
  static async upsert(ctx: Context, input: OrganizationInput): Promise<{ row: OrganizationRow; created: boolean; changed: boolean }> {
    await requireRole(ctx, Role.EDITOR);
    return writeTransaction(ctx, async (tx) => {
      const name = cleanName(input.name);
      await lockNames(tx, [{ kind: "organization", name }]);
      const aliases = (input.aliases ?? []).map(cleanName).filter((a) => a && a.toLowerCase() !== name.toLowerCase());
      const found = input.slug
        ? await tx.one<{ id: string }>(`SELECT id FROM organization WHERE slug = $1`, [input.slug])
        : await tx.one<{ id: string }>(`SELECT id FROM organization WHERE name_keys @> ARRAY[newsgraph_name_key($1)] ORDER BY created_at, id LIMIT 1`, [name]);
      if (found) {
        await tx.exec(
          `UPDATE organization SET name = $2, kind = coalesce($3, kind), country = coalesce($4, country),
                  aliases = ARRAY(SELECT DISTINCT a FROM unnest(aliases || $5::text[]) a WHERE lower(a) <> lower($2) ORDER BY a)
            WHERE id = $1 AND (name <> $2 OR kind <> coalesce($3, kind) OR country IS DISTINCT FROM coalesce($4, country)
                               OR NOT (aliases @> $5::text[]))`,
          [found.id, name, input.kind ?? null, input.country ?? null, aliases],
        );
        return { row: await readOrganization(tx, found.id), created: false, changed: tx.changed };
      }
      const slug = input.slug ?? (await freeSlug(tx, "organization", slugify(name) || hashSlug("organization", name)));
      const row = await tx.one<{ id: string }>(
        `INSERT INTO organization (slug, name, aliases, kind, country) VALUES ($1, $2, $3, coalesce($4, 'other'), $5) RETURNING id`,
        [slug, name, [...new Set(aliases)], input.kind ?? null, input.country ?? null],
      );
      return { row: await readOrganization(tx, row!.id), created: true, changed: true };
    });
  }
}
