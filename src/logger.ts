import pino, { type Logger } from "pino";
import type { Config } from "./config";

/**
 * Structured logs on stdout. JSON lines, except on a terminal (or with LOG_FORMAT=pretty) where
 * pino-pretty, when installed, prints them for people.
 */
export function createLogger(config: Pick<Config, "logLevel" | "logFormat">): Logger {
  const options = { level: config.logLevel, base: { service: "newsgraph" } };
  const pretty = config.logFormat === "pretty" || (config.logFormat === "auto" && process.stdout.isTTY);
  if (pretty) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const prettyStream = require("pino-pretty") as (opts: Record<string, unknown>) => NodeJS.WritableStream;
      return pino(options, prettyStream({ colorize: true, ignore: "pid,hostname,service", translateTime: "SYS:HH:MM:ss.l", sync: true }));
    } catch {
      // pino-pretty is a development dependency; without it, JSON.
    }
  }
  return pino(options);
}
