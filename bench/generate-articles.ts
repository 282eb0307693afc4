import fs from "node:fs";
import { once } from "node:events";

/**
 * Deterministic articles in the ArticleInput JSON shape, for the import benchmark: each has a
 * unique url, a headline, a 3–5 kB body with its quotes inside it (offsets correct), a publisher
 * among 10 outlets, 5 quotes by people drawn from 200 (at 20 organizations, with titles), 2 topics
 * of 30, 2 images, mentions of 3 people, 2 organizations and 3 places located in the body, and 1
 * event of a pool of 300 with places and participants. The same count and seed give the same file.
 *
 *   npm run bench:generate -- --count 10000 --out /tmp/articles.ndjson
 */

/** mulberry32: a small seeded PRNG, so runs are repeatable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Patricia", "Leif", "Morgan", "Jordan", "Avery", "Casey", "Riley", "Quinn", "Harper", "Rowan", "Elena", "Tomas", "Mei", "Arjun", "Sofia", "Kenji", "Amara", "Lucas", "Nadia", "Omar"];
const LAST = ["Kim", "Easley", "Reyes", "Lee", "Nakamura", "Okafor", "Schmidt", "Rossi", "Haddad", "Silva"];
const TITLES = ["senior fellow", "director", "analyst", "professor of economics", "spokesperson", "minister", "chief economist", "research associate", "ambassador", "press secretary"];
const ORGS = Array.from({ length: 20 }, (_, i) => `${["Atlantic", "Pacific", "Northern", "Global", "Civic"][i % 5]} ${["Policy Institute", "Council", "Foundation", "Ministry of Trade", "Research Center"][Math.floor(i / 5) % 5]} ${i}`);
const OUTLETS = ["Wire Daily", "The Morning Ledger", "Capital Herald", "Harbor Times", "Metro Courier", "Evening Standard Post", "Global Dispatch", "River City News", "The Observer Weekly", "Signal Press"];
const TOPICS = Array.from({ length: 30 }, (_, i) => `${["Trade", "Security", "Climate", "Health", "Energy", "Elections"][i % 6]} ${["policy", "talks", "outlook", "reform", "crisis"][Math.floor(i / 6)]}`);
const CITIES = ["Tokyo", "Seoul", "Berlin", "Nairobi", "Lima", "Toronto", "Mumbai", "Cairo", "Oslo", "Jakarta", "Madrid", "Accra", "Hanoi", "Quito", "Warsaw", "Perth", "Dakar", "Riga", "Doha", "Porto"];
const KINDS = ["MEETING", "TALKS", "SUMMIT", "CONFERENCE", "BRIEFING", "VISIT"];
const WORDS =
  "officials said the agreement would take effect next year after months of negotiation between the delegations while critics argued that the measures did not go far enough and markets reacted cautiously to the news as analysts weighed the long term consequences for growth and stability in the region".split(
    " ",
  );

interface Person {
  name: string;
  title: string;
  organization: string;
}
const PEOPLE: Person[] = Array.from({ length: 200 }, (_, i) => ({
  name: `${FIRST[i % 20]} ${LAST[Math.floor(i / 20)]}`,
  title: TITLES[(i * 7) % 10]!,
  organization: ORGS[(i * 3) % 20]!,
}));
const EVENTS = Array.from({ length: 300 }, (_, i) => ({
  title: `${TOPICS[i % 30]} ${KINDS[i % 6]!.toLowerCase()} in ${CITIES[i % 20]} ${i}`,
  kind: KINDS[i % 6]!,
  startsOn: new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10),
  places: [CITIES[i % 20]!, CITIES[(i + 7) % 20]!],
  participants: [(i * 11) % 200, (i * 17 + 3) % 200],
}));

/** A body built piece by piece, remembering where the pieces that matter are. */
class Body {
  text = "";
  add(piece: string): { startOffset: number; endOffset: number } {
    const startOffset = this.text.length;
    this.text += piece;
    return { startOffset, endOffset: this.text.length };
  }
}

/** Article `i` of a run seeded with `seed`, as ArticleInput JSON. */
export function generateArticle(i: number, seed = 1): Record<string, unknown> {
  const rnd = random(seed * 1_000_003 + i);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const sentence = (n: number) => {
    const words = Array.from({ length: n }, () => pick(WORDS));
    return `${words.join(" ").replace(/^./, (c) => c.toUpperCase())}. `;
  };
  const filler = (sentences: number) => Array.from({ length: sentences }, () => sentence(12 + Math.floor(rnd() * 10))).join("");

  const speakers = Array.from({ length: 5 }, () => PEOPLE[Math.floor(rnd() * 200)]!);
  const mentioned = Array.from({ length: 3 }, () => PEOPLE[Math.floor(rnd() * 200)]!);
  const orgs = [pick(ORGS), pick(ORGS)];
  const cities = [pick(CITIES), pick(CITIES), pick(CITIES)];
  const event = EVENTS[Math.floor(rnd() * 300)]!;
  const topics = [TOPICS[i % 30]!, TOPICS[(i * 7 + 3) % 30]!];

  const body = new Body();
  const eventAt = (body.add(`${filler(2)}The `), body.add(event.title));
  body.add(` drew attention. ${filler(3)}\n\n`);
  const mentions = {
    people: [] as unknown[],
    organizations: [] as unknown[],
    places: [] as unknown[],
  };
  mentioned.forEach((p, k) => {
    body.add(k === 0 ? "Among those present was " : "Also there: ");
    mentions.people.push({ name: p.name, title: p.title, organization: p.organization, ...body.add(p.name), confidence: 0.9 });
    body.add(`. ${filler(1)}`);
  });
  orgs.forEach((o) => {
    body.add("A statement from ");
    mentions.organizations.push({ name: o, ...body.add(o), confidence: 0.85 });
    body.add(` followed. ${filler(1)}`);
  });
  cities.forEach((c) => {
    body.add("Reports came from ");
    mentions.places.push({ name: c, kind: "CITY", ...body.add(c), confidence: 0.8 });
    body.add(`. ${filler(1)}`);
  });
  const quotes = speakers.map((s, k) => {
    body.add(`\n\n${filler(2)}“`);
    const text = `${sentence(10 + k).trim().replace(/\.$/, "")},`;
    const at = body.add(text);
    body.add(`” said ${s.name}, ${s.title} at ${s.organization}. ${filler(2)}`);
    return { text, speaker: { name: s.name, title: s.title, organization: s.organization }, channel: k % 2 ? "told reporters" : "in a statement", ...at, confidence: 0.95 };
  });
  body.add(`\n\n${filler(3)}`);

  return {
    url: `https://bench.example.com/articles/${seed}/${i}`,
    headline: `${topics[0]}: ${sentence(6).trim().replace(/\.$/, "")} (${i})`,
    summary: sentence(15).trim(),
    body: body.text,
    language: "en",
    publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    publisher: { name: OUTLETS[i % 10] },
    bylines: [`${pick(FIRST)} ${pick(LAST)}`],
    sections: ["Main"],
    topics: topics.map((name) => ({ name })),
    images: [{ caption: `Scene in ${cities[0]}`, credit: "Bench Photo" }, { caption: `${speakers[0]!.name} speaking` }],
    quotes,
    mentions,
    events: [
      {
        title: event.title,
        kind: event.kind,
        startsOn: event.startsOn,
        places: event.places.map((name) => ({ name })),
        participants: event.participants.map((p) => ({ name: PEOPLE[p]!.name, organization: PEOPLE[p]!.organization })),
        ...eventAt,
        confidence: 0.7,
      },
    ],
  };
}

/** Writes `count` articles as NDJSON to `out`. */
export async function generateFile(out: string, count: number, seed = 1): Promise<void> {
  const stream = fs.createWriteStream(out);
  for (let i = 0; i < count; i++) {
    if (!stream.write(`${JSON.stringify(generateArticle(i, seed))}\n`)) await once(stream, "drain");
  }
  stream.end();
  await once(stream, "finish");
}

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

if (require.main === module) {
  const count = Number(arg("count", "10000"));
  const out = arg("out", "/tmp/articles.ndjson");
  generateFile(out, count, Number(arg("seed", "1")))
    .then(() => process.stdout.write(`wrote ${count} articles to ${out} (${(fs.statSync(out).size / 2 ** 20).toFixed(1)} MiB)\n`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
