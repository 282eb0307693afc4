import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `article.search_rank`: what relevance is ranked on, small enough to stay in the heap row. The
 * full `search` vector (headline A, summary B, body C) is 2 kB or more per article, so it lives in
 * TOAST, and ranking every hit with it meant fetching and decompressing one TOAST value per hit:
 * at 100,000 articles a two-word search with 3,848 hits read 18,000 buffers and took 110–400 ms,
 * against 8 ms to find and count the same hits through the GIN index. This vector holds the
 * headline (A), the summary (B) and the lead of the body (its first 1,000 characters, C), a few
 * hundred bytes that the row keeps inline. `search` and its GIN index still decide what matches.
 */
export class SearchRank1764547200000 implements MigrationInterface {
  name = "SearchRank1764547200000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE article ADD COLUMN search_rank tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, headline), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') ||
        setweight(to_tsvector('english'::regconfig, left(body, 1000)), 'C')) STORED,
      -- MAIN: kept in the row; the body and \`search\` are moved out of line first.
      ALTER COLUMN search_rank SET STORAGE MAIN`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE article DROP COLUMN search_rank`);
  }
}
