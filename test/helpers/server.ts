import type { AddressInfo } from "node:net";
import { createTestApp, type TestEnv } from "./app";

/** The full server listening on a random port of 127.0.0.1, over a fresh database with the demo data. */
export async function startTestServer(env: TestEnv = {}): Promise<{ url: string; close(): Promise<void> }> {
  const app = await createTestApp(env);
  await app.running.app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.running.app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
