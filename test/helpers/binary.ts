import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/** A `newsgraph serve` process started from the built binary. */
export interface ServeProcess {
  proc: ChildProcessWithoutNullStreams;
  /** e.g. http://127.0.0.1:39123 */
  url: string;
  /** Its JSON log lines so far. */
  logs: any[];
  /** Settles with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts `node <cli> serve` with exactly `env` and resolves once it logs "newsgraph ready"; rejects if it exits first. */
export function serveBinary(cli: string, env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const proc = spawn(process.execPath, [cli, "serve"], { env });
  const logs: any[] = [];
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffer = "";
    let stderr = "";
    proc.stderr.on("data", (d) => (stderr += d));
    proc.stdout.on("data", (chunk) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const entry = JSON.parse(line);
          logs.push(entry);
          if (entry.msg === "newsgraph ready") resolve({ proc, url: entry.url.replace(/\/graphql$/, ""), logs, exited });
        } catch {
          // not a log line
        }
      }
    });
    exited.then((code) => reject(new Error(`server exited with ${code} before it was ready: ${stderr}`)));
  });
}
