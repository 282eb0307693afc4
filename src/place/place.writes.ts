import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import { cleanName } from "../common/ref-resolver";
import { freeSlug, hashSlug, slugify } from "../common/slug";
import { type Tx, lockNames, writeTransaction } from "../common/write";
import type { Context } from "../context";
import type { PlaceInput } from "./place-write.inputs";
import { PLACE_COLUMNS, toPlace } from "./place.loaders";
import type { PlaceRow } from "./place.type";

async function readPlace(tx: Tx, id: string): Promise<PlaceRow> {
  return toPlace((await tx.one(`SELECT ${PLACE_COLUMNS} FROM place p WHERE p.id = $1`, [id]))!);
}

export class PlaceWrites {
  /** Found by slug when given, else by name; created when new. Given fields are set; fields left out stay. */
  static async upsert(ctx: Context, input: PlaceInput): Promise<{ row: PlaceRow; created: boolean; changed: boolean }> {
    await requireRole(ctx, Role.EDITOR);
    return writeTransaction(ctx, async (tx) => {
      const name = cleanName(input.name);
      await lockNames(tx, [{ kind: "place", name }]);
      const found = input.slug
        ? await tx.one<{ id: string }>(`SELECT id FROM place WHERE slug = $1`, [input.slug])
        : await tx.one<{ id: string }>(`SELECT id FROM place WHERE newsgraph_name_key(name) = newsgraph_name_key($1) ORDER BY created_at, id LIMIT 1`, [name]);
      const values = [name, input.kind ?? null, input.region?.trim() || null, input.countryCode ?? null, input.latitude ?? null, input.longitude ?? null];
      if (found) {
        await tx.exec(
          `UPDATE place SET (name, kind, region, country_code, latitude, longitude)
                          = ($2, coalesce($3, kind), coalesce($4, region), coalesce($5, country_code), coalesce($6, latitude), coalesce($7, longitude))
            WHERE id = $1 AND (name, kind, region, country_code, latitude, longitude)
                  IS DISTINCT FROM ($2::text, coalesce($3, kind), coalesce($4, region), coalesce($5, country_code)::bpchar, coalesce($6, latitude), coalesce($7, longitude))`,
          [found.id, ...values],
        );
        return { row: await readPlace(tx, found.id), created: false, changed: tx.changed };
      }
      const slug = input.slug ?? (await freeSlug(tx, "place", slugify(name) || hashSlug("place", name)));
      const row = await tx.one<{ id: string }>(
        `INSERT INTO place (slug, name, kind, region, country_code, latitude, longitude) VALUES ($1, $2, coalesce($3, 'other'), $4, $5, $6, $7) RETURNING id`,
        [slug, ...values],
      );
      return { row: await readPlace(tx, row!.id), created: true, changed: true };
    });
  }
}
