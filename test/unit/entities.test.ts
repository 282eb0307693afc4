import "reflect-metadata";
import fs from "node:fs";
import { createDatabase } from "../../src/db/data-source";

/**
 * The entities (used for writes) describe the tables the migrations create: every column and
 * join table an entity maps exists, with a matching nullability. (Index and constraint names are
 * the migration's own, so TypeORM's full schema diff is not the yardstick.)
 */
test("every entity column and join table exists in the migrated schema", async () => {
  const template = process.env.NEWSGRAPH_TEST_TEMPLATE;
  const db = createDatabase({ kind: "pglite", dataDir: "memory://" }, undefined, template ? { loadDataDir: new Blob([fs.readFileSync(template)]) } : {});
  try {
    await db.dataSource.initialize();
    await db.dataSource.runMigrations();
    const rows: Array<{ table_name: string; column_name: string; is_nullable: string }> = await db.dataSource.query(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const columns = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable === "YES"]));
    const missing: string[] = [];
    const nullability: string[] = [];
    for (const entity of db.dataSource.entityMetadatas) {
      for (const column of entity.columns) {
        const key = `${entity.tableName}.${column.databaseName}`;
        if (!columns.has(key)) missing.push(key);
        else if (!column.isGenerated && !column.asExpression && columns.get(key) !== column.isNullable) nullability.push(key);
      }
    }
    expect(db.dataSource.entityMetadatas.map((e) => e.tableName).sort()).toEqual(
      expect.arrayContaining(["api_key", "article", "article_expert", "article_image", "article_organization", "article_place", "article_topic", "event", "event_article", "event_expert", "event_organization", "event_place", "expert", "organization", "place", "quote", "topic"]),
    );
    expect(missing).toEqual([]);
    expect(nullability).toEqual([]);
  } finally {
    await db.close();
  }
});
