import fs from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const file = process.env.NEWSGRAPH_TEST_TEMPLATE;
  if (file && file.includes("newsgraph-test-template-")) fs.rmSync(file, { force: true });
}
