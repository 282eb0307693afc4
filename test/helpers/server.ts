import type { AddressInfo } from "node:net";
import { createTestApp, type TestApp, type TestEnv } from "./app";

export interface TestServer {
  /** e.g. http://127.0.0.1:39123 */
  url: string;
  /** The GraphQL endpoint as a WebSocket URL, for graphql-ws: ws://127.0.0.1:39123/graphql */
  wsUrl: string;
  /** The app behind it: its pub/sub, SQL, in-process GraphQL. */
  app: TestApp;
  close(): Promise<void>;
}

/** The full server listening on a random port of 127.0.0.1, over a fresh database with the demo data. */
export async function startTestServer(env: TestEnv = {}, options: { databaseUrl?: string } = {}): Promise<TestServer> {
  const app = await createTestApp(env, options);
  await app.running.app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.running.app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/graphql`, app, close: () => app.close() };
}
