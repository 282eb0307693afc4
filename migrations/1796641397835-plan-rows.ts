import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `newsgraph_plan_rows(query)`: PostgreSQL's planner estimate of how many rows a SELECT returns
 * (`EXPLAIN (FORMAT JSON)`'s top "Plan Rows", rounded). A full-text search's `totalCount` above
 * 5,000 matches is this estimate; the function lets the read planner's single statement take it
 * without a second round trip, reading the same figure the executor takes with its own EXPLAIN.
 * VOLATILE because PostgreSQL allows EXPLAIN in no other kind of function; it only plans, never
 * runs, the query, and the caller builds the query text itself (values as quoted literals).
 */
export class PlanRows1796641397835 implements MigrationInterface {
  name = "PlanRows1796641397835";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION newsgraph_plan_rows(query text) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        plan json;
      BEGIN
        EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
        RETURN round((plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric);
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION newsgraph_plan_rows(text)`);
  }
}
