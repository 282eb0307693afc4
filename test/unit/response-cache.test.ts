import { ResponseCache, etagOf } from "../../src/cache/response-cache";
import { notModified } from "../../src/cache/response-cache.plugin";
import { sortedJson } from "../../src/cache/cache-key";

const options = { enabled: true, ttlSeconds: 10, maxEntries: 3, maxBytes: 1000, maxEntryBytes: 400 };

function cache(o: Partial<typeof options> = {}) {
  let now = 1_000_000;
  const evicted: Record<string, number> = {};
  const c = new ResponseCache({ ...options, ...o }, { hit() {}, miss() {}, evicted: (r, n) => void (evicted[r] = (evicted[r] ?? 0) + n), size() {} }, () => now);
  return { c, evicted, advance: (ms: number) => void (now += ms) };
}

test("holds at most maxEntries, dropping the least recently used", () => {
  const { c, evicted } = cache();
  for (const k of ["a", "b", "c"]) c.store(k, `{"k":"${k}"}`, c.generation);
  expect(c.get("a")?.json).toBe('{"k":"a"}');
  c.store("d", '{"k":"d"}', c.generation);
  expect(c.get("b")).toBeUndefined();
  expect(c.get("a")).toBeDefined();
  expect(c.get("d")).toBeDefined();
  expect(c.size.entries).toBe(3);
  expect(evicted.lru).toBe(1);
});

test("holds at most maxBytes, and never an entry over maxEntryBytes", () => {
  const { c } = cache({ maxEntries: 100 });
  const big = `"${"x".repeat(350)}"`;
  c.store("a", big, c.generation);
  c.store("b", big, c.generation);
  c.store("c", big, c.generation);
  expect(c.size.bytes).toBeLessThanOrEqual(1000);
  expect(c.get("a")).toBeUndefined();
  expect(c.get("c")).toBeDefined();
  const huge = c.store("h", `"${"y".repeat(500)}"`, c.generation);
  expect(huge.etag).toBe(etagOf(huge.json));
  expect(c.get("h")).toBeUndefined();
});

test("an entry expires after the TTL", () => {
  const { c, advance, evicted } = cache();
  c.store("a", "1", c.generation);
  advance(9_999);
  expect(c.get("a")).toBeDefined();
  advance(2);
  expect(c.get("a")).toBeUndefined();
  expect(evicted.ttl).toBe(1);
});

test("invalidate drops everything, and an answer computed across a write is not stored", () => {
  const { c, evicted } = cache();
  c.store("a", "1", c.generation);
  const taken = c.generation;
  c.invalidate();
  expect(c.get("a")).toBeUndefined();
  expect(evicted.write).toBe(1);
  // The read began before the write committed: its answer may predate it.
  c.store("b", "2", taken);
  expect(c.get("b")).toBeUndefined();
  c.store("b", "2", c.generation);
  expect(c.get("b")?.json).toBe("2");
});

test("sortedJson orders keys at every depth; notModified compares entity tags weakly", () => {
  expect(sortedJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":2,"f":1}]},"b":1}');
  expect(sortedJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  expect(notModified('"x", W/"y"', '"y"')).toBe(true);
  expect(notModified("*", '"y"')).toBe(true);
  expect(notModified('"x"', '"y"')).toBe(false);
  expect(notModified(undefined, '"y"')).toBe(false);
});
