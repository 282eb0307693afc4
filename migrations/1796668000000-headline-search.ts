import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The headline's words (`search_rank`'s weight-A part), indexed: `search(query:)` finds the
 * articles whose headline matches (they score at least 2, every other article hit less than 1.5)
 * without reading every hit, and ranks the others only when the headline matches do not fill the
 * page. The expression is the one the score tests (`ts_filter(a.search_rank, '{a}') @@ q`).
 */
export class HeadlineSearch1796668000000 implements MigrationInterface {
  name = "HeadlineSearch1796668000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX article_headline_search_idx ON article USING gin (ts_filter(search_rank, '{a}'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX article_headline_search_idx`);
  }
}
