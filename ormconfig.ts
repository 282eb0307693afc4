import "reflect-metadata";
import { loadConfig } from "./src/config";
import { createDatabase } from "./src/db/data-source";

/**
 * The one DataSource, for the TypeORM CLI (`npx typeorm -d dist/ormconfig.js migration:show`).
 * The app builds the same DataSource through `createDatabase`.
 */
export default createDatabase(loadConfig().database).dataSource;
