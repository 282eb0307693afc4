import { canonicalUrl } from "../../src/article/article.writes";
import { slugify } from "../../src/common/slug";

test.each([
  ["Top US Officials in Asia on First Overseas Visit", "top-us-officials-in-asia-on-first-overseas-visit"],
  ["U.S. Institute of Peace", "us-institute-of-peace"],
  ["José Núñez-García's plan", "jose-nunez-garcias-plan"],
  ["  --Hello,   world!--  ", "hello-world"],
  ["東京で会談", ""],
])("slugify(%j) = %j", (text, slug) => {
  expect(slugify(text)).toBe(slug);
});

test("long slugs are cut at a word boundary", () => {
  const slug = slugify("word ".repeat(40));
  expect(slug.length).toBeLessThanOrEqual(80);
  expect(slug.endsWith("-")).toBe(false);
  expect(slug).toMatch(/^(word-)*word$/);
});

test.each([
  ["https://Example.COM:443/a/b?utm_source=x&id=3&fbclid=y#frag", "https://example.com/a/b?id=3"],
  ["http://example.com/a?utm_medium=feed", "http://example.com/a"],
  ["https://example.com/a/?b=1&a=2", "https://example.com/a/?b=1&a=2"],
])("canonicalUrl(%j) = %j", (raw, canonical) => {
  expect(canonicalUrl(raw)).toBe(canonical);
});
