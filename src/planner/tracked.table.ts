import { type ColumnField, isoSql } from "./sql-json";

/** The TrackedRow fields (createdAt, updatedAt, version, createdBy, updatedBy) of any table with those columns. */
export const TRACKED_FIELDS: Readonly<Record<string, ColumnField>> = {
  createdAt: (a) => isoSql(`${a}.created_at`),
  updatedAt: (a) => isoSql(`${a}.updated_at`),
  version: (a) => `${a}.version`,
  // Only when selected: the name of the API key, as trackedColumns reads it.
  createdBy: (a) => `(SELECT k.name FROM api_key k WHERE k.id = ${a}.created_by)`,
  updatedBy: (a) => `(SELECT k.name FROM api_key k WHERE k.id = ${a}.updated_by)`,
};
