import { createHash } from "node:crypto";
import type { Config } from "../config";

/** One cached answer: the JSON text of its `data`, and the entity tag of the body it makes. */
export interface CachedAnswer {
  readonly json: string;
  readonly etag: string;
}

interface Entry extends CachedAnswer {
  readonly bytes: number;
  readonly generation: number;
  readonly expiresAt: number;
}

/** Where the cache reports what it does (the server's Prometheus metrics). */
export interface ResponseCacheObserver {
  hit(): void;
  miss(): void;
  /** Entries dropped: `lru` to make room, `ttl` expired, `write` by a committed write. */
  evicted(reason: "lru" | "ttl" | "write", count: number): void;
  /** What the cache now holds. */
  size(entries: number, bytes: number): void;
}

/** `"…"`: the entity tag of the body `{"data":<json>}`. */
export function etagOf(json: string): string {
  return `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`;
}

/**
 * Answers of anonymous read operations, held in memory, bounded by entries, by bytes, by entry
 * size and by age; the least recently used goes first (a Map's order is its recency).
 *
 * Every committed write calls {@link invalidate}, which drops everything and moves the
 * generation on. A read takes {@link generation} before it executes and hands it to
 * {@link store}; an answer computed while a write committed belongs to the older generation and is
 * not kept, so no write leaves a stale entry behind.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private currentGeneration = 0;

  constructor(
    private readonly options: Config["responseCache"],
    private readonly observer?: ResponseCacheObserver,
    private readonly now: () => number = Date.now,
  ) {}

  /** Moves on with every committed write; answers computed under an older one are not stored. */
  get generation(): number {
    return this.currentGeneration;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** The answer stored under `key`, if it is still fresh; counts a hit or a miss. */
  get(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.generation === this.currentGeneration && entry.expiresAt > this.now()) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.observer?.hit();
      return entry;
    }
    if (entry) {
      this.drop(key, entry);
      this.observer?.evicted("ttl", 1);
      this.report();
    }
    this.observer?.miss();
    return undefined;
  }

  /**
   * Keeps `json` under `key` when no write has committed since `generation` was taken and it is
   * small enough; returns the answer with its entity tag either way.
   */
  store(key: string, json: string, generation: number): CachedAnswer {
    const answer = { json, etag: etagOf(json) };
    const bytes = Buffer.byteLength(json) + key.length;
    if (generation !== this.currentGeneration || bytes > this.options.maxEntryBytes) return answer;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    let evicted = 0;
    for (const [k, e] of this.entries) {
      if (this.entries.size < this.options.maxEntries && this.bytes + bytes <= this.options.maxBytes) break;
      this.drop(k, e);
      evicted++;
    }
    if (evicted) this.observer?.evicted("lru", evicted);
    this.entries.set(key, { ...answer, bytes, generation, expiresAt: this.now() + this.options.ttlSeconds * 1000 });
    this.bytes += bytes;
    this.report();
    return answer;
  }

  /** A write committed (here or, through pub/sub, on another instance): nothing held is current. */
  invalidate(): void {
    this.currentGeneration++;
    const count = this.entries.size;
    this.entries.clear();
    this.bytes = 0;
    if (count) this.observer?.evicted("write", count);
    this.report();
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private report(): void {
    this.observer?.size(this.entries.size, this.bytes);
  }
}
