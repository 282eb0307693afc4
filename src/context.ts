import DataLoader from "dataloader";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Config } from "./config";
import { Loaders } from "./loaders";

/** What every resolver and service receives first: who asks, how to reach the data, and this request's loaders. */
export interface Context {
  readonly requestId: string;
  readonly log: Logger;
  readonly config: Config;
  readonly db: DataSource;
  readonly loaders: Loaders;
}

/** Builds a fresh context (and fresh DataLoaders) for one request. */
export function createContext(deps: { config: Config; db: DataSource; log: Logger; requestId: string }): Context {
  return {
    requestId: deps.requestId,
    log: deps.log,
    config: deps.config,
    db: deps.db,
    loaders: new Loaders(deps.db),
  };
}

export { DataLoader };
