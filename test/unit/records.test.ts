import { PassThrough } from "node:stream";
import { readRecords, sniffFormat } from "../../src/ingest/records";

describe("readRecords", () => {
  it("streams NDJSON: a record arrives before the input has ended", async () => {
    const stdin = new PassThrough();
    const records = readRecords(["-"], { format: "ndjson", stdin });
    stdin.write(`${JSON.stringify({ url: "https://example.com/1", headline: "One" })}\n`);
    const first = await records.next();
    expect(first.value).toMatchObject({ kind: "input", at: { file: "-", line: 1 }, json: { headline: "One" } });
    // The input is still open: nothing was read whole.
    expect(stdin.writableEnded).toBe(false);
    stdin.end(`\n${JSON.stringify({ text: "Headline\n\nBody." })}\n`);
    const second = await records.next();
    expect(second.value).toMatchObject({ kind: "raw", format: "text", at: { line: 3 } });
    expect((await records.next()).done).toBe(true);
  });

  it("tells the format of standard input from its content", async () => {
    for (const [content, kind] of [
      ['{"headline":"A"}\n{"headline":"B"}\n', "input"],
      ["<!doctype html><html><body><p>x</p></body></html>", "raw"],
      ["A headline\n\nA paragraph.", "raw"],
    ] as const) {
      const stdin = new PassThrough();
      stdin.end(content);
      const out = [];
      for await (const r of readRecords(["-"], { stdin })) out.push(r);
      expect(out[0]!.kind).toBe(kind);
    }
  });
});

describe("sniffFormat", () => {
  it.each([
    ['{"a":1}\n{"a":2}', "ndjson"],
    ['{\n  "a": 1\n}', "json"],
    ["[{}]", "json"],
    ["\uFEFF<!DOCTYPE html><html>", "html"],
    ["<article><h1>T</h1></article>", "html"],
    ["Plain headline\n\nBody", "text"],
  ])("%j is %s", (head, format) => expect(sniffFormat(head)).toBe(format));
});
