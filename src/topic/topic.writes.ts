import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth-checker";
import { cleanName } from "../common/ref-resolver";
import { freeSlug, hashSlug, slugify } from "../common/slug";
import { type Tx, lockNames, writeTransaction } from "../common/write";
import type { Context } from "../context";
import type { TopicInput } from "./topic-write.inputs";
import { TOPIC_COLUMNS, toTopic } from "./topic.loaders";
import type { TopicRow } from "./topic.type";

async function readTopic(tx: Tx, id: string): Promise<TopicRow> {
  return toTopic((await tx.one(`SELECT ${TOPIC_COLUMNS} FROM topic t WHERE t.id = $1`, [id]))!);
}

export class TopicWrites {
  /** Found by slug when given, else by name; created when new; a found topic takes the given name. */
  static async upsert(ctx: Context, input: TopicInput): Promise<{ row: TopicRow; created: boolean; changed: boolean }> {
    await requireRole(ctx, Role.EDITOR);
    return writeTransaction(ctx, async (tx) => {
      const name = cleanName(input.name);
      await lockNames(tx, [{ kind: "topic", name }]);
      const base = input.slug ?? (slugify(name) || hashSlug("topic", name));
      const found = input.slug
        ? await tx.one<{ id: string }>(`SELECT id FROM topic WHERE slug = $1`, [input.slug])
        : await tx.one<{ id: string }>(`SELECT id FROM topic WHERE newsgraph_name_key(name) = newsgraph_name_key($1) OR slug = $2 ORDER BY created_at, id LIMIT 1`, [name, base]);
      if (found) {
        await tx.exec(`UPDATE topic SET name = $2 WHERE id = $1 AND name <> $2`, [found.id, name]);
        return { row: await readTopic(tx, found.id), created: false, changed: tx.changed };
      }
      const row = await tx.one<{ id: string }>(`INSERT INTO topic (slug, name) VALUES ($1, $2) RETURNING id`, [input.slug ?? (await freeSlug(tx, "topic", base)), name]);
      return { row: await readTopic(tx, row!.id), created: true, changed: true };
    });
  }
}
