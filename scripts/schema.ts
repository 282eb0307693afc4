import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { createSchema } from "../src/schema";

const FILE = path.resolve(__dirname, "../../schema/schema.graphql");
const HEADER = "# Emitted by `npm run schema:emit` from the code in src/. Do not edit by hand.\n\n";

/** The SDL the code defines, sorted so that diffs show only real changes. */
export async function emittedSdl(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await createSchema())) + "\n";
}

async function main(mode: string | undefined): Promise<number> {
  const sdl = await emittedSdl();
  if (mode === "emit") {
    fs.mkdirSync(path.dirname(FILE), { recursive: true });
    fs.writeFileSync(FILE, sdl);
    process.stdout.write(`wrote ${path.relative(process.cwd(), FILE)}\n`);
    return 0;
  }
  if (mode === "check") {
    const committed = fs.existsSync(FILE) ? fs.readFileSync(FILE, "utf8") : "";
    if (committed === sdl) {
      process.stdout.write("schema/schema.graphql matches the code\n");
      return 0;
    }
    process.stderr.write("schema/schema.graphql differs from the schema the code emits: run `npm run schema:emit` and review the diff.\n");
    return 1;
  }
  process.stderr.write("usage: schema.js emit|check\n");
  return 2;
}

if (require.main === module) main(process.argv[2]).then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
