import { badUserInput } from "../common/errors";

/** Where a search page ends: the day scores were computed for, and the last result's score and id. */
export interface SearchCursor {
  /** `YYYY-MM-DD` (UTC): freshness counts days before it, so every page of one search scores alike. */
  day: string;
  score: number;
  id: string;
}

const NAME = "search";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeSearchCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify([NAME, c.day, c.score, c.id])).toString("base64url");
}

function isDay(v: unknown): v is string {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Decodes a search cursor or throws BAD_USER_INPUT naming the argument. */
export function decodeSearchCursor(cursor: string, argument: string): SearchCursor {
  const invalid = () => badUserInput(`Argument "${argument}" is not a valid cursor for search`, argument);
  if (cursor.length > 1_000 || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== 4 || decoded[0] !== NAME) throw invalid();
  const [, day, score, id] = decoded as unknown[];
  if (!isDay(day) || typeof score !== "number" || !Number.isFinite(score) || typeof id !== "string" || !UUID.test(id)) throw invalid();
  return { day, score, id };
}
