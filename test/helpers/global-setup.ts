import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "../../src/db/data-source";
import { seedDemoDataInTransaction } from "../../src/demo/seed";

/**
 * Creating an embedded database costs seconds per test file. On PGlite, the run creates one with
 * the real migrations and the demo data here, and each test file starts its own in-memory copy
 * from that tarball (see `createTestApp`). Against a server (TEST_DATABASE_URL) each file still
 * migrates its own fresh database.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL || process.env.NEWSGRAPH_TEST_TEMPLATE) return;
  const database = createDatabase({ kind: "pglite", dataDir: "memory://" });
  try {
    await database.dataSource.initialize();
    await database.dataSource.runMigrations({ transaction: "each" });
    await seedDemoDataInTransaction(database.dataSource);
    const file = path.join(os.tmpdir(), `newsgraph-test-template-${process.pid}.tar`);
    fs.writeFileSync(file, Buffer.from(await (await database.dump!()).arrayBuffer()));
    process.env.NEWSGRAPH_TEST_TEMPLATE = file;
  } finally {
    await database.close();
  }
}
