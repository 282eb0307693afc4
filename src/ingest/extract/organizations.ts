import type { OrganizationKind } from "../../organization/organization.entity";
import { HONORIFICS, KNOWN_ORGANIZATIONS, NOT_NAMES, ORG_HEADS, TITLE_HEADS, TITLE_WORDS, isCommonWord, isDemonym, isFirstName, lexTags } from "./lexicon";
import { claim, isClaimed, mentionText, type Mention, type Segment } from "./segments";
import type { PlaceLookup } from "./places";
import { fold, isNameWord } from "./text";

/** An organization and where the text names it. */
export interface OrganizationRecord {
  name: string;
  kind: OrganizationKind | null;
  mentions: Mention[];
  confidence: number;
  /** Found only through a title or the publisher, not named in the text. */
  derived?: boolean;
  /** The text names its board ("the board of TriMet", "TriMet's board"): a "board chair" belongs to it. */
  board?: boolean;
}

/** The organizations of an article, merged by folded name. */
export class OrganizationRegistry {
  readonly all: OrganizationRecord[] = [];
  private readonly byKey = new Map<string, OrganizationRecord>();

  /** Adds (or merges) an organization. */
  add(name: string, kind: OrganizationKind | null, confidence: number, mention?: Mention, derived = false): OrganizationRecord {
    const key = orgKey(name);
    let record = this.byKey.get(key) ?? this.all.find((o) => sameByAcronym(o.name, name));
    if (!record) {
      record = { name, kind, mentions: [], confidence, derived };
      this.byKey.set(key, record);
      this.all.push(record);
    } else {
      record.confidence = Math.max(record.confidence, confidence);
      if (!derived) record.derived = false;
    }
    if (mention) record.mentions.push(mention);
    return record;
  }

  /** Drops a name's key after its record was removed. */
  forget(name: string): void {
    this.byKey.delete(orgKey(name));
  }

  /** The organization a mention [first, last) of a segment belongs to, if any. */
  at(segment: Segment, index: number): OrganizationRecord | undefined {
    return this.all.find((o) => o.mentions.some((m) => m.segment === segment && m.first <= index && index < m.last));
  }
}

/** The initials of a name, with and without its small words: "United Nations" → UN; "Electric Reliability Council of Texas" → ERCOT, ERCT. */
function initials(name: string): string[] {
  const words = name.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const all = words.map((w) => w[0]!.toUpperCase()).join("");
  const big = words.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]!).join("");
  return [all, big];
}

function isAcronym(name: string): boolean {
  return /^[A-Z]{2,6}$/.test(name);
}

/** "UN" and "United Nations", "ERCOT" and "Electric Reliability Council of Texas": one organization. */
function sameByAcronym(a: string, b: string): boolean {
  if (isAcronym(a) && !isAcronym(b)) return initials(b).includes(a);
  if (isAcronym(b) && !isAcronym(a)) return initials(a).includes(b);
  return false;
}

/** A comparable key: folded, without a leading "the" and with "U.S."/"US" written one way. */
export function orgKey(name: string): string {
  return fold(name)
    .replace(/^the /, "")
    .replace(/\bu\.s\.(?=\s|$)/g, "us")
    // "Voltaire Systems Inc." and "Voltaire Systems" are one company.
    .replace(/(?<=\S\s\S*|\S{3}),?\s+(?:inc|incorporated|corp|co|ltd|llc|plc|gmbh|ag|s\.?a|n\.?v|limited)\.?$/, "");
}

/** The kind an organization's name suggests, or null. */
export function guessOrganizationKind(name: string): OrganizationKind | null {
  const lower = fold(name).replace(/^the /, "").replace(/^(?:u\.s\.|us|united states) /, "");
  const known = KNOWN_ORGANIZATIONS[lower];
  if (known) return known as OrganizationKind;
  const words = lower.split(" ");
  for (let n = 2; n >= 1; n--) {
    for (let i = words.length - n; i >= 0; i--) {
      const kind = ORG_HEADS[words.slice(i, i + n).join(" ")];
      if (kind) return kind as OrganizationKind;
    }
  }
  if (lexTags(lower).includes("Organization")) return "company" as OrganizationKind;
  return null;
}

export function isOrgHead(word: string, next?: string): number {
  const w = word.toLowerCase();
  if (next && ORG_HEADS[`${w} ${next.toLowerCase()}`]) return 2;
  return ORG_HEADS[w] ? 1 : 0;
}

function knownOrganization(phrase: string, exactCase: string): boolean {
  const lower = phrase.toLowerCase();
  if (KNOWN_ORGANIZATIONS[lower] != null) {
    // Acronyms ("WHO", "AP") count only in capitals, so that "Who" or "Ap" at a sentence start do not.
    return lower.length > 5 || lower.includes(" ") || exactCase === exactCase.toUpperCase();
  }
  return lexTags(lower).includes("Organization") && (lower.includes(" ") || exactCase === exactCase.toUpperCase() || /^\p{Lu}/u.test(exactCase));
}

/**
 * Finds organizations in a segment's capitalised runs: a name ending in an organization word
 * ("… University", "… Institute of Peace", "Reuters News Agency", "U.S. Army"), or a name known
 * as an organization ("White House", "Pentagon", compromise's Organization lexicon).
 */
export function findOrganizations(segment: Segment, registry: OrganizationRegistry): void {
  const { tokens } = segment;
  joinCorporateSuffix(segment, registry);
  joinPossessives(segment, registry);
  for (const span of segment.spans) {
    // "Dow Jones Transportation Average", "Consumer Price Index": a market index or a statistic, no organization (nor a person).
    if (span.last - span.first >= 2 && INDEX_WORDS.has(tokens[span.last - 1]!.text.toLowerCase())) {
      claim(segment, span.first, span.last);
      continue;
    }
    let start = span.first;
    while (start < span.last && NOT_NAMES.has(tokens[start]!.text.toLowerCase())) start++;
    // "Shares of Meridian Freight fell", "Residents of …": a capitalised common word opening the sentence is no part of the name.
    const lead = tokens[start];
    if (lead?.sentenceStart && span.last - start > 2 && tokens[start + 1]!.text === "of" && isCommonWord(lead.text) && !isOrgHead(lead.text) && /s$/.test(lead.text)) start += 2;
    // "Chairman of the Company", "Director of the Federal Bureau of Investigation": the title before "of" is no part of the name.
    let t = start;
    while (t < span.last && TITLE_WORDS.has(tokens[t]!.text.toLowerCase())) t++;
    if (t > start && TITLE_HEADS.has(tokens[t - 1]!.text.toLowerCase()) && /^(?:of|for)$/.test(tokens[t]?.text ?? "") && t + 1 < span.last) {
      start = t + 1;
      if (tokens[start]!.text.toLowerCase() === "the" && start + 1 < span.last) start++;
    }
    let i = start;
    while (i < span.last) {
      const found = organizationAt(segment, i, span.last);
      if (found && !isClaimed(segment, found.first, found.last)) {
        const mention = { segment, first: found.first, last: found.last };
        const name = mentionText(mention);
        registry.add(name, guessOrganizationKind(name), found.confidence, mention);
        claim(segment, found.first, found.last);
        i = found.last;
      } else i++;
    }
  }
  joinAcrossAnd(segment, registry);
  extendAcrossAnd(segment, registry);
  findCompanyCues(segment, registry);
}

/**
 * "Center for Strategic and International Studies", "Department for Work and Pensions": a name
 * with "for" or "of" in it goes on over "and" and the capitalised words after it; the first half
 * ("Center for Strategic") is never an organization by itself.
 */
function extendAcrossAnd(segment: Segment, registry: OrganizationRegistry): void {
  const { tokens } = segment;
  for (const org of [...registry.all]) {
    // "House Committee on Oversight and Government Reform" too.
    if (!/\s(?:for|of|on)\s/.test(org.name)) continue;
    for (const m of [...org.mentions]) {
      if (m.segment !== segment || !/^(?:and|&)$/.test(tokens[m.last]?.text ?? "")) continue;
      let end = m.last + 1;
      while (end < tokens.length && end < m.last + 4 && tokens[end]!.cap && /^\p{Lu}[\p{L}-]*$/u.test(tokens[end]!.text) && tokens[end]!.paragraph === tokens[m.first]!.paragraph && !segment.claimed.has(end) && !TITLE_WORDS.has(tokens[end]!.text.toLowerCase())) end++;
      if (end === m.last + 1) continue;
      const mention = { segment, first: m.first, last: end };
      const name = segment.text.slice(tokens[m.first]!.start, tokens[end - 1]!.end);
      org.mentions.splice(org.mentions.indexOf(m), 1);
      if (!org.mentions.length) {
        registry.all.splice(registry.all.indexOf(org), 1);
        registry.forget(org.name);
      }
      registry.add(name, guessOrganizationKind(name), Math.max(0.8, org.confidence), mention);
      claim(segment, m.first, end);
    }
  }
}

/** Nouns that stand for the company an article is about: "the company's chief executive", "Chairman of the Company's Board". */
const COMPANY_ANAPHORS = new Set(["company", "firm", "corporation"]);

/** Whether token k is "company" (or "Company", "firm") after "the": a reference to a company named earlier. */
export function isCompanyAnaphor(segment: Segment, k: number): boolean {
  const { tokens } = segment;
  return COMPANY_ANAPHORS.has(tokens[k]?.text.toLowerCase() ?? "") && /^the$/i.test(tokens[k - 1]?.text ?? "");
}

/**
 * The company "the company" refers to at token k: of the companies named before it, the one named
 * most often; between equals, the first named (a press release names its issuer first).
 */
export function salientCompany(registry: OrganizationRegistry, segment: Segment, k: number): OrganizationRecord | null {
  let best: { org: OrganizationRecord; count: number; first: number } | null = null;
  for (const o of registry.all) {
    if ((o.kind != null && o.kind !== "company") || EXCHANGES.has(o.name.toLowerCase())) continue;
    const before = o.mentions.filter((m) => m.segment === segment && m.last <= k);
    if (!before.length) continue;
    const first = Math.min(...before.map((m) => m.first));
    if (!best || before.length > best.count || (before.length === best.count && first < best.first)) best = { org: o, count: before.length, first };
  }
  return best?.org ?? null;
}

/** Legal forms written after a company's name and a comma: "ICO, Inc.", "Harlowe Freight, Ltd.". */
const CORPORATE_SUFFIX = /^(?:inc\.?|incorporated|ltd\.?|limited|llc|l\.l\.c\.|corp\.?|plc|co\.|gmbh|ag|s\.a\.|n\.v\.)$/i;

/**
 * "ICO, Inc. (NASDAQ: ICOC)": a capitalised run, a comma and a legal form are one company's name;
 * the run alone names it again later ("presents ICO with …").
 */
function joinCorporateSuffix(segment: Segment, registry: OrganizationRegistry): void {
  const { tokens } = segment;
  for (let k = 1; k < segment.spans.length; k++) {
    const suffix = segment.spans[k]!;
    const name = segment.spans[k - 1]!;
    if (suffix.last - suffix.first !== 1 || !CORPORATE_SUFFIX.test(tokens[suffix.first]!.text) || name.last !== suffix.first - 1 || tokens[name.last]!.text !== ",") continue;
    if (tokens[name.first]!.paragraph !== tokens[suffix.first]!.paragraph || isClaimed(segment, name.first, suffix.last) || name.last - name.first > 4) continue;
    let from = name.first;
    while (from < name.last && NOT_NAMES.has(tokens[from]!.text.toLowerCase())) from++;
    if (from >= name.last) continue;
    const mention = { segment, first: from, last: suffix.last };
    const record = registry.add(mentionText(mention), "company" as OrganizationKind, 0.85, mention);
    claim(segment, from, suffix.last);
    const words = tokens.slice(from, name.last).map((t) => t.text);
    for (const span of segment.spans) {
      if (span.last - span.first !== words.length || isClaimed(segment, span.first, span.last)) continue;
      if (tokens.slice(span.first, span.last).some((t, i) => t.text !== words[i])) continue;
      record.mentions.push({ segment, first: span.first, last: span.last });
      claim(segment, span.first, span.last);
    }
  }
}

/** Last words of the name of a market index or a statistic. */
const INDEX_WORDS = new Set(["average", "index", "composite", "indices", "indexes"]);

/** Tags of a word that names a person, a place or a known organization: never the owner in "Alzheimer's Association". */
const OWNER_TAGS = new Set(["FirstName", "MaleName", "FemaleName", "LastName", "Demonym", "Country", "City", "Region", "Place", "Continent", "Organization"]);

/**
 * "Alzheimer's Association", "Children's Hospital", "Women's Institute": a possessive inside a
 * name. The owner is one capitalised word that is no person's, place's or organization's name (a
 * name the text uses without the possessive elsewhere is an owner, as in "Putin's Security
 * Council"), and an organization word follows the possessive directly.
 */
function joinPossessives(segment: Segment, registry: OrganizationRegistry): void {
  const { tokens } = segment;
  for (const span of segment.spans) {
    const s = tokens[span.first - 1];
    const o = tokens[span.first - 2];
    if (!s || !o || !/^['’]s$/.test(s.text) || !isNameWord(o) || o.sentenceStart && isCommonWord(o.text)) continue;
    if (span.first - 2 > 0 && isNameWord(tokens[span.first - 3]!)) continue;
    const width = isOrgHead(tokens[span.first]!.text, tokens[span.first + 1]?.text);
    if (width !== 1 || isClaimed(segment, span.first - 2, span.first + 1)) continue;
    const owner = o.text.toLowerCase();
    const plural = lexTags(owner).includes("Plural");
    if (!plural && (lexTags(owner).some((t) => OWNER_TAGS.has(t)) || NOT_NAMES.has(owner) || KNOWN_ORGANIZATIONS[owner] != null || /^[A-Z]{2,}$/.test(o.text))) continue;
    if (!plural && tokens.some((t, k) => t.text === o.text && k !== span.first - 2 && !/^['’]s$/.test(tokens[k + 1]?.text ?? ""))) continue;
    let last = span.first + 1;
    while (last < span.last && isOrgHead(tokens[last]!.text, tokens[last + 1]?.text) === 1) last++;
    if (last < span.last && ["of", "for", "on"].includes(tokens[last]!.text.toLowerCase())) last = span.last;
    const mention = { segment, first: span.first - 2, last };
    const name = mentionText(mention);
    registry.add(name, guessOrganizationKind(name), 0.8, mention);
    claim(segment, mention.first, last);
  }
}

/**
 * "Securities and Exchange Commission", "Food and Drug Administration": a short capitalised run,
 * "and" or "&", then an organization found from its head word, are one name.
 */
function joinAcrossAnd(segment: Segment, registry: OrganizationRegistry): void {
  const { tokens } = segment;
  for (let k = 0; k + 1 < segment.spans.length; k++) {
    const a = segment.spans[k]!;
    const b = segment.spans[k + 1]!;
    if (b.first !== a.last + 1 || !/^(?:and|&)$/.test(tokens[a.last]!.text) || a.last - a.first > 2) continue;
    if (tokens[a.first]!.paragraph !== tokens[b.first]!.paragraph || isClaimed(segment, a.first, a.last)) continue;
    const org = registry.at(segment, b.first);
    const m = org?.mentions.find((x) => x.segment === segment && x.first === b.first);
    if (!org || !m || m.last - m.first > 3 || KNOWN_ORGANIZATIONS[org.name.toLowerCase()] != null || !isOrgHead(tokens[m.last - 1]!.text)) continue;
    const name = segment.text.slice(tokens[a.first]!.start, tokens[m.last - 1]!.end);
    org.mentions.splice(org.mentions.indexOf(m), 1);
    if (!org.mentions.length) {
      registry.all.splice(registry.all.indexOf(org), 1);
      registry.forget(org.name);
    }
    registry.add(name, guessOrganizationKind(name), 0.85, { segment, first: a.first, last: m.last });
    claim(segment, a.first, m.last);
  }
}

/** Lexicon tags of a word that names a place or a people, never a company by itself. */
const PLACE_TAGS = new Set(["Demonym", "Country", "City", "Region", "Place", "Continent"]);

/** Stock exchanges written before a ticker: "(NYSE: MRDN)". */
const EXCHANGES = new Set(["nyse", "nasdaq", "lse", "tsx", "asx", "hkex", "sgx", "bse", "nse", "euronext", "otc"]);
/** Nouns of a company's trade written right before its name: "rival carrier Corvane", "chipmaker Nexa". */
export const COMPANY_NOUNS = new Set(
  (
    "company firm carrier airline automaker carmaker chipmaker drugmaker retailer lender insurer startup start-up conglomerate " +
    "supplier manufacturer maker producer operator miner trucker shipper broker brokerage"
  ).split(" "),
);

/** Nouns for other kinds of organization written before the name: "the journal Nature", "the motoring group the RAC", "Premier League club Everton". */
const ORGANIZATION_NOUNS: Record<string, string> = {
  journal: "media",
  newspaper: "media",
  magazine: "media",
  tabloid: "media",
  broadcaster: "media",
  publisher: "media",
  charity: "ngo",
  club: "other",
  group: "ngo",
  organisation: "ngo",
  organization: "ngo",
  watchdog: "government",
  regulator: "government",
};

/** Verbs of a share price's move: "J.B. Hunt dropped 2.1%". */
const PRICE_MOVE = /^\s+(?:also\s+)?(?:fell|dropped|rose|gained|lost|slipped|climbed|jumped|surged|tumbled|slid|sank|plunged|advanced|declined|edged\s+(?:up|down|higher|lower)|added|shed|soared)\s+(?:about\s+|nearly\s+|almost\s+)?\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)/;
/** Things whose price moves that are no company: commodities, currencies, indexes. */
const NOT_COMPANIES = new Set("bitcoin ether ethereum brent gold silver copper oil nikkei ftse dax cac kospi sensex stoxx dow nasdaq topix".split(" "));

/**
 * Companies known only by name, from how business news writes them: "shares of Meridian Freight",
 * "Meridian (NYSE: MRDN)", "rival carrier Corvane". A company found so is also named by its first
 * word alone later ("Meridian said").
 */
function findCompanyCues(segment: Segment, registry: OrganizationRegistry): void {
  const { tokens } = segment;
  // Companies the head-word rule found ("Meridian Freight"), whose first word is no common word, place or people's word.
  const found: OrganizationRecord[] = registry.all.filter((o) => {
    const words = o.name.split(" ");
    return o.kind === "company" && words.length === 2 && !lexTags(words[0]!.toLowerCase()).some((t) => PLACE_TAGS.has(t) || t === "FirstName") && !isCommonWord(words[0]!) && !NOT_NAMES.has(words[0]!.toLowerCase());
  });
  for (const span of segment.spans) {
    let { first, last } = span;
    // "Shares of Meridian Freight fell" at a sentence start: the run begins with the cue itself.
    if (tokens[first]!.text === "Shares" && tokens[first + 1]?.text === "of" && last - first > 2) first += 2;
    if (isClaimed(segment, first, last)) continue;
    // Not across a possessive: "Meridian's chief executive".
    while (last > first + 1 && /^['’]s$/.test(tokens[last - 1]!.text)) last--;
    const before = first > span.first ? "of" : tokens[first - 1]?.text.toLowerCase();
    const before2 = tokens[first - 2]?.text.toLowerCase();
    const capBefore = first > span.first || tokens[first - 1]?.cap === true;
    const exchange = tokens[last]?.text === "(" && EXCHANGES.has(tokens[last + 1]?.text.toLowerCase() ?? "") && tokens[last + 2]?.text === ":";
    // "the motoring group the RAC": a "the" between the noun and the name.
    const noun = before === "the" && !capBefore && tokens[first - 2] && !tokens[first - 2]!.cap ? before2 : before;
    const otherKind = noun != null && !capBefore ? ORGANIZATION_NOUNS[noun] : undefined;
    const priceMove = PRICE_MOVE.test(segment.text.slice(tokens[last - 1]!.end, tokens[last - 1]!.end + 40)) && isPriceMover(segment, first, last);
    const cue = exchange || priceMove || otherKind != null || (before === "of" && before2 === "shares") || (noun != null && !capBefore && COMPANY_NOUNS.has(noun));
    if (!cue || last - first > 4 || NOT_NAMES.has(tokens[first]!.text.toLowerCase())) continue;
    // "the company founder Elon Musk", "the club captain": a title or a person's given name is no company.
    if (TITLE_WORDS.has(tokens[first]!.text.toLowerCase()) || (last - first > 1 && isFirstName(tokens[first]!.text))) continue;
    // "shares of Dutch equipment maker ASML": a nationality or a place is no company.
    if (last - first === 1 && lexTags(tokens[first]!.text.toLowerCase()).some((t) => PLACE_TAGS.has(t))) continue;
    const mention = { segment, first, last };
    const name = mentionText(mention);
    // "Meridian (NYSE: MRDN)" after "Meridian Freight": the same company.
    const same = last - first === 1 ? found.find((o) => o.name.split(" ")[0] === name) : undefined;
    const kind = guessOrganizationKind(name) ?? ((otherKind ?? "company") as OrganizationKind);
    const record = same ?? registry.add(name, kind, 0.7, mention);
    if (same) same.mentions.push(mention);
    claim(segment, first, last);
    if (!same && record.kind === "company") found.push(record);
    if (exchange && !isClaimed(segment, last + 1, last + 2)) {
      registry.add(tokens[last + 1]!.text, "other" as OrganizationKind, 0.7, { segment, first: last + 1, last: last + 2 });
      claim(segment, last + 1, last + 2);
    }
  }
  // "Meridian Freight" … "Meridian": the first word alone names the company.
  const firstWords = new Map(found.filter((o) => o.name.includes(" ")).map((o) => [o.name.split(" ")[0]!, o]));
  if (!firstWords.size) return;
  for (const span of segment.spans) {
    for (let i = span.first; i < span.last; i++) {
      const org = firstWords.get(tokens[i]!.text);
      if (!org || isClaimed(segment, i, i + 1)) continue;
      const next = tokens[i + 1];
      if (next && next.cap && i + 1 < span.last) continue;
      org.mentions.push({ segment, first: i, last: i + 1 });
      claim(segment, i, i + 1);
    }
  }
}

/** Verbs an organization is the subject of: "the Treasury said", "Friends of the Earth warned". */
const ORG_VERBS = new Set(
  "said says announced announces welcomed welcomes confirmed confirms warned warns estimates estimated reported reports denied denies urged urges criticised criticized added stated".split(" "),
);
/** Roles held at an organization: "the former chief executive of Everton", "a spokeswoman for State House". */
const ROLE_OF = /(?:chief executive|executive|chairman|chairwoman|chair|founder|co-founder|owner|managing director|director|spokesman|spokeswoman|spokesperson|statement)$/;
/** A governing body of an organization: "the board of TriMet", "TriMet's board of directors". */
const BODY_OF = /(?:^| )(?:the|its) (?:board|board of directors|board of trustees|board of governors|trustees|directors|governors|management|leadership)$/;
const BODY_AFTER = /^['’]s\s+(?:board|trustees|directors|governors|management|leadership)\b/;
/** Lower-case roles after a club's name: "Everton manager", "Arsenal striker". */
const CLUB_ROLES = new Set("manager striker midfielder defender goalkeeper winger".split(" "));
/** Nobility, written before "of": "Duke of Sussex". */
const NOBILITY = new Set("duke duchess earl countess baron baroness marquess viscount".split(" "));
/** Last words of a place's name, whose run the place rules read: "Tana River County". */
const PLACE_HEADS = new Set("county district province region state prefecture oblast governorate river lake mountains valley island islands".split(" "));

/**
 * Organizations that only their place in the sentence shows, read after people (so that a
 * person's name is never taken): the subject of "said" after "the" ("the Treasury said"), a
 * name with "of" in it ("Friends of the Earth said"), "X said in a statement", a role at it ("the
 * former chief executive of Everton", "a statement from State House", "Everton manager"), and a
 * name defined by its acronym in parentheses ("Royal Automobile Club (RAC)"). Never a place, a
 * title or a common word.
 */
export function findOrganizationCues(segment: Segment, registry: OrganizationRegistry, places: PlaceLookup): void {
  const { tokens, text } = segment;
  const added: OrganizationRecord[] = [];
  // "Royal Automobile Club (RAC)": a name and the acronym it defines.
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (tokens[k]!.text !== "(" || tokens[k + 2]!.text !== ")" || !/^[A-Z]{2,6}$/.test(tokens[k + 1]!.text) || isClaimed(segment, k + 1, k + 2)) continue;
    const span = segment.spans.find((sp) => sp.last === k);
    if (!span) continue;
    const acronym = tokens[k + 1]!.text;
    const owner = registry.at(segment, k - 1);
    let from = span.first;
    while (from < k && NOT_NAMES.has(tokens[from]!.text.toLowerCase())) from++;
    if (from >= k) continue;
    const longName = mentionText({ segment, first: from, last: k });
    if (owner ? !initials(owner.name).includes(acronym) : isClaimed(segment, from, k) || !initials(longName).includes(acronym)) continue;
    const record = owner ?? registry.add(longName, guessOrganizationKind(longName), 0.75, { segment, first: from, last: k });
    if (!owner) claim(segment, from, k);
    record.mentions.push({ segment, first: k + 1, last: k + 2 });
    claim(segment, k + 1, k + 2);
    added.push(record);
  }
  for (const span of segment.spans) {
    let first = span.first;
    while (first < span.last && NOT_NAMES.has(tokens[first]!.text.toLowerCase())) first++;
    const last = span.last;
    if (last <= first || last - first > 8 || isClaimed(segment, first, last)) continue;
    const words = tokens.slice(first, last);
    const lower = words.map((t) => t.text.toLowerCase());
    // "the Chancellor said", "Duke of Sussex": a title; "the Treasury said" is no title without its head.
    if (lower.some((w) => TITLE_HEADS.has(w) || HONORIFICS.has(w) || NOBILITY.has(w) || NOT_NAMES.has(w)) && !lower.includes("the")) continue;
    if (TITLE_HEADS.has(lower[0]!) || NOBILITY.has(lower[0]!) || PLACE_HEADS.has(lower[lower.length - 1]!)) continue;
    const name = text.slice(words[0]!.start, words[words.length - 1]!.end);
    // "the Brazilian said": a nationality stands for a person, never for an organization.
    if (isDemonym(name)) continue;
    const acronym = words.length === 1 && /^[A-Z]{2,6}$/.test(name);
    const single = words.length === 1 && !acronym;
    // A single word the lexicon knows as a common word, a given name or a place is too weak a name.
    if (single && (isCommonNoun(name) || isFirstName(name))) continue;
    if (isOrgHead(lower[lower.length - 1]!) && words.length === 1) continue;
    if (places.lookup(name, true) || (words.length > 1 && isFirstName(words[0]!.text))) continue;
    const prev = tokens[first - 1]?.text.toLowerCase();
    const prev2 = tokens[first - 2]?.text.toLowerCase() ?? "";
    const prevPhrase = tokens
      .slice(Math.max(0, first - 4), first)
      .map((t) => t.text.toLowerCase())
      .join(" ");
    const next = tokens[last]?.text.toLowerCase() ?? "";
    const after = text.slice(words[words.length - 1]!.end, words[words.length - 1]!.end + 60);
    const verbAfter = ORG_VERBS.has(next) && !tokens[last]!.cap;
    const theBefore = prev === "the" || (first > span.first && tokens[first - 1]!.text === "The");
    const ofInside = lower.slice(1).some((w) => w === "of" || w === "for");
    const startsClause = first === span.first || tokens[first - 1]!.text === "The";
    const cue =
      (verbAfter && theBefore) ||
      (verbAfter && ofInside && startsClause && (tokens[span.first]!.sentenceStart || theBefore)) ||
      (verbAfter && acronym) ||
      (/^\s+(?:said|says|announced|confirmed)\s+in\s+(?:a|an)\s+(?:\w+\s+)?(?:statement|filing|release)\b/.test(after) && !single) ||
      (/^\s+(?:said|says)\s+in\s+(?:a|an)\s+(?:\w+\s+)?(?:statement|filing)\b/.test(after) && single && !tokens[first]!.sentenceStart) ||
      ((prev === "of" || prev === "for" || prev === "from" || prev === "at") && ROLE_OF.test(prevPhrase.replace(/ (?:of|for|from|at)$/, "")) && !tokens[first - 2]?.cap) ||
      ((prev === "the" && /(?:of|for|from|at)$/.test(prev2)) && ROLE_OF.test(tokens.slice(Math.max(0, first - 5), first - 2).map((t) => t.text.toLowerCase()).join(" "))) ||
      (CLUB_ROLES.has(next) && !tokens[last]!.cap && !tokens[first]!.sentenceStart);
    // "the board of TriMet", "TriMet's board": whatever has a board is an organization.
    const longPhrase = tokens
      .slice(Math.max(0, first - 6), first - 1)
      .map((t) => t.text.toLowerCase())
      .join(" ");
    const boardCue = (prev === "of" && BODY_OF.test(longPhrase)) || BODY_AFTER.test(after);
    if (!cue && !boardCue) continue;
    const mention = { segment, first, last };
    const record = registry.add(name, guessOrganizationKind(name) ?? (acronym ? ("other" as OrganizationKind) : null), 0.65, mention);
    if (boardCue) record.board = true;
    claim(segment, first, last);
    added.push(record);
  }
  // "the board of Harlowe Freight", "Harlowe Freight's board": an organization found by its name has a board too.
  for (const o of registry.all) {
    for (const m of o.mentions) {
      if (m.segment !== segment) continue;
      const before = tokens.slice(Math.max(0, m.first - 6), m.first - 1).map((t) => t.text.toLowerCase()).join(" ");
      const tail = text.slice(tokens[m.last - 1]!.end, tokens[m.last - 1]!.end + 40);
      if ((tokens[m.first - 1]?.text.toLowerCase() === "of" && BODY_OF.test(before)) || BODY_AFTER.test(tail)) o.board = true;
    }
  }
  // Later mentions of a name found so: the same words anywhere else.
  for (const record of added) {
    const size = record.mentions[0] ? record.mentions[0].last - record.mentions[0].first : 0;
    const key = record.mentions[0] ? tokens.slice(record.mentions[0].first, record.mentions[0].last).map((t) => t.text).join(" ") : "";
    for (let i = 0; i + size <= tokens.length && size; i++) {
      if (tokens[i]!.text !== tokens[record.mentions[0]!.first]!.text || isClaimed(segment, i, i + size)) continue;
      if (tokens.slice(i, i + size).map((t) => t.text).join(" ") !== key || tokens[i + size]?.cap) continue;
      if (isNameWord(tokens[i - 1] ?? tokens[i]!) && i > 0 && !tokens[i - 1]!.sentenceStart && tokens[i - 1]!.cap) continue;
      record.mentions.push({ segment, first: i, last: i + size });
      claim(segment, i, i + size);
    }
  }
}

/** A common noun, or the plural of one ("Sales", "Democrats"): too weak to be an organization's name alone. */
function isCommonNoun(word: string): boolean {
  const w = word.toLowerCase();
  const noun = (x: string): boolean => isCommonWord(x) || lexTags(x).some((t) => t === "Singular" || t === "Plural" || t === "Uncountable" || t === "Actor");
  return noun(w) || (/s$/.test(w) && noun(w.replace(/e?s$/, ""))) || (/s$/.test(w) && noun(w.slice(0, -1)));
}

/** Whether a run before a price move can be a company: not a place, a commodity, nor a common word ("Shares fell 14%"). */
function isPriceMover(segment: Segment, first: number, last: number): boolean {
  const { tokens } = segment;
  const words = tokens.slice(first, last).map((t) => t.text.toLowerCase());
  if (words.some((w) => NOT_COMPANIES.has(w))) return false;
  // "Sales fell 4%": one word opening a sentence may be any noun.
  if (words.length === 1 && tokens[first]!.sentenceStart) return false;
  if (words.length === 1 && (isCommonNoun(words[0]!) || lexTags(words[0]!).some((t) => PLACE_TAGS.has(t)))) return false;
  return !lexTags(words.join(" ")).some((t) => PLACE_TAGS.has(t));
}

function organizationAt(segment: Segment, from: number, end: number): { first: number; last: number; confidence: number } | null {
  const { tokens, text } = segment;
  // Longest known name first.
  for (let last = Math.min(end, from + 5); last > from; last--) {
    const phrase = tokens.slice(from, last).map((t) => t.text).join(" ");
    if (knownOrganization(phrase, text.slice(tokens[from]!.start, tokens[last - 1]!.end))) {
      // "Reuters News Agency": a known name and an organization word after it are one name; but
      // "White House national security advisor" stops at the known name.
      const width = last < end ? isOrgHead(tokens[last]!.text, tokens[last + 1]?.text) : 0;
      let stop = width && last + width <= end ? last + width : last;
      // "United Nations Office for the Coordination of Humanitarian Affairs": a head's "of …"/"for …" tail too.
      if (width && stop < end && ["of", "for", "on"].includes(tokens[stop]!.text.toLowerCase())) stop = end;
      return { first: from, last: stop, confidence: 0.9 };
    }
  }
  // A head word within the run: the organization runs from `from` to the head, plus an "of …" tail.
  for (let h = from; h < end; h++) {
    const width = isOrgHead(tokens[h]!.text, tokens[h + 1]?.text);
    if (!width) continue;
    // A lone head word ("University", "Army") is not a name unless something precedes it.
    let last = h + width;
    // "Harlow Capital Group": heads in a row are one name.
    while (last < end && isOrgHead(tokens[last]!.text, tokens[last + 1]?.text)) last += isOrgHead(tokens[last]!.text, tokens[last + 1]?.text);
    if (last < end && ["of", "for", "on"].includes(tokens[last]!.text.toLowerCase())) {
      last = end;
    }
    if (last - from < 2 && !(h > from)) return null;
    return { first: from, last, confidence: 0.85 };
  }
  return null;
}
