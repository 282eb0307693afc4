import {
  CLUB_ROLES,
  DEPARTMENT_WORDS,
  FORMAL_TITLE_HEADS,
  HONORIFICS,
  NOT_NAMES,
  RANKS,
  TITLE_HEADS,
  TITLE_WORDS,
  US_DEPARTMENTS,
  US_STATES,
  isCommonWord,
  isAgentNoun,
  isDemonym,
  isFirstName,
  isLastName,
  isRoleNoun,
  isTitleStop,
  lexTags,
} from "./lexicon";
import { guessOrganizationKind, isCompanyAnaphor, salientCompany, type OrganizationRegistry } from "./organizations";
import type { PlaceLookup } from "./places";
import { claim, isClaimed, mentionText, type Mention, type Segment } from "./segments";
import { fold, isBrand, isNameWord, type Token } from "./text";

/** A title the text gives a person, with the organization it names and how the title was found. */
export interface TitleCandidate {
  title: string;
  organization: string | null;
  /** The phrase as written before or after the name ("Pentagon chief"), an alias candidate. */
  phrase: string;
  /** "U.S.", "China": the country the title belongs to, when the text says. */
  country: string | null;
  /** before: "Defense Secretary Austin"; appositive: "Kim, a senior analyst at …". */
  how: "before" | "appositive";
}

/** A person and every mention of them. */
export interface PersonRecord {
  name: string;
  titles: TitleCandidate[];
  mentions: Mention[];
  /** The mention that gave the full name. */
  primary: Mention;
  confidence: number;
  aliases: Set<string>;
}

/** The people of an article, merged: full names, then surname-only and title+surname mentions resolved to them. */
export class PeopleRegistry {
  readonly all: PersonRecord[] = [];

  /** Adds a mention under a full name, merging with a person of the same name. */
  add(name: string, mention: Mention, confidence: number, title?: TitleCandidate | null): PersonRecord {
    const key = fold(name);
    let person = this.all.find((p) => fold(p.name) === key);
    if (!person) {
      // "Mr. Smith" first, "John Smith" later: one person, under the fuller name.
      person = this.all.find((p) => !p.name.includes(" ") && key.endsWith(` ${fold(p.name)}`));
      if (person) {
        person.name = name;
        person.primary = mention;
      }
    }
    if (!person) {
      person = { name, titles: [], mentions: [], primary: mention, confidence, aliases: new Set() };
      this.all.push(person);
    }
    person.confidence = Math.max(person.confidence, confidence);
    person.mentions.push(mention);
    if (title) person.titles.push(title);
    return person;
  }

  /**
   * The person a lone name refers to: someone whose last name (or, for names written family name
   * first, first name) it is; the one mentioned most recently before `at` when several are.
   */
  resolve(word: string, segment?: Segment, at?: number): PersonRecord | undefined {
    const key = fold(word);
    const byLast = this.all.filter((p) => {
      const parts = fold(p.name).split(" ");
      return parts.length > 1 && (parts[parts.length - 1] === key || parts.slice(1).join(" ") === key);
    });
    const candidates = byLast.length ? byLast : this.all.filter((p) => fold(p.name).split(" ")[0] === key && p.name.includes(" "));
    if (candidates.length <= 1) return candidates[0];
    const before = (p: PersonRecord): number =>
      Math.max(-1, ...p.mentions.filter((m) => m.segment === segment && (at == null || m.first < at)).map((m) => m.first));
    return candidates.sort((a, b) => before(b) - before(a))[0];
  }

  /** The person whose mention covers token `index` of a segment. */
  at(segment: Segment, index: number): PersonRecord | undefined {
    return this.all.find((p) => p.mentions.some((m) => m.segment === segment && m.first <= index && index < m.last));
  }
}

const COUNTRY_PREFIXES = new Set(["u.s.", "us", "u.k.", "uk", "american", "british", "chinese", "japanese", "russian", "french", "german", "indian", "south korean", "north korean", "korean", "israeli", "iranian", "ukrainian", "turkish", "canadian", "australian", "mexican", "brazilian", "saudi", "egyptian", "pakistani", "taiwanese", "european", "eu", "un", "u.n."]);

interface SplitSpan {
  titleTokens: number[];
  country: string | null;
  /** "Oregon Gov. Tina Kotek": the US state written before the title, the person's affiliation. */
  state?: string | null;
  /** "Acme Foods CEO Lena Ortiz": the capitalised words before the title, the organization the person works for. */
  affiliation?: { first: number; last: number } | null;
  core: { first: number; last: number } | null;
}

/** Splits a capitalised run into a title ("Secretary of State", "Defense Secretary") and the name after it. */
function splitTitle(tokens: Token[], first: number, last: number): SplitSpan {
  let i = first;
  let country: string | null = null;
  const lower = (k: number): string => tokens[k]!.text.toLowerCase();
  // "U.S. Defense Secretary", "Kenyan President": the country the title belongs to.
  if (i + 1 < last && (COUNTRY_PREFIXES.has(lower(i)) || isDemonym(tokens[i]!.text)) && TITLE_WORDS.has(lower(i + 1))) country = tokens[i++]!.text;
  // "Oregon Gov. Tina Kotek", "New York Sen. …": a US state before a title is the person's affiliation, the country the US.
  let state: string | null = null;
  if (!country) {
    for (const n of [2, 1]) {
      if (i + n >= last) continue;
      const words = tokens.slice(i, i + n).map((t) => t.text);
      if (US_STATES[words.join(" ").toLowerCase()] && TITLE_WORDS.has(lower(i + n)) && TITLE_HEADS.has(lower(i + n))) {
        state = words.join(" ");
        i += n;
        break;
      }
    }
  }
  const titleTokens: number[] = [];
  while (i < last) {
    const w = lower(i);
    if (TITLE_WORDS.has(w)) {
      titleTokens.push(i++);
      continue;
    }
    if ((w === "of" || w === "for") && titleTokens.some((k) => TITLE_HEADS.has(lower(k)))) {
      let j = i + 1;
      if (j < last && lower(j) === "the") j++;
      const dept: number[] = [];
      while (j < last && DEPARTMENT_WORDS.has(lower(j))) dept.push(j++);
      // "Director of National Intelligence Dan Coats": the office runs to the given name that starts the person's name.
      if (j < last && !isFirstName(tokens[j]!.text)) {
        let p = j + 1;
        while (p < last - 1 && !isFirstName(tokens[p]!.text)) p++;
        if (p < last - 1 && p - j <= 5 && last - p <= 3) {
          for (let k = i; k < p; k++) titleTokens.push(k);
          i = p;
          break;
        }
      }
      if (dept.length) {
        for (let k = i; k < j; k++) titleTokens.push(k);
        i = j;
        continue;
      }
    }
    break;
  }
  if (!titleTokens.some((k) => TITLE_HEADS.has(lower(k)))) {
    const owned = country || state ? null : ownedTitle(tokens, first, last);
    return owned ?? { titleTokens: [], country: null, core: { first, last } };
  }
  return { titleTokens, country: country ?? (state ? "U.S." : null), state, core: i < last ? { first: i, last } : null };
}

/** Adjectives that open a sentence before a title without ending in -ed, -ing or -ly. */
const DESCRIBING = new Set(["longtime", "veteran", "outspoken", "popular", "powerful", "controversial", "beleaguered", "new", "young", "influential", "prominent"]);

/** Words that open a sentence before a name phrase ("For Apple Chief Executive Tim Cook, …"). */
const SENTENCE_OPENERS = new Set(["for", "in", "at", "on", "but", "and", "when", "after", "before", "as", "with", "by", "from", "to", "the", "while", "under", "like", "unlike"]);

/**
 * "Acme Foods CEO Lena Ortiz", "Apple Chief Executive Tim Cook": one to four capitalised words
 * that are not a title, then a title with a head, then a name. The words before the title are the
 * organization the title belongs to. A sentence's capitalised first word ("For Apple …") is not
 * part of it.
 */
function ownedTitle(tokens: Token[], first: number, last: number): SplitSpan | null {
  let from = first;
  if (tokens[from]!.sentenceStart && SENTENCE_OPENERS.has(tokens[from]!.text.toLowerCase())) from++;
  for (let k = from + 1; k <= Math.min(from + 4, last - 2); k++) {
    if (!TITLE_WORDS.has(tokens[k]!.text.toLowerCase())) continue;
    for (let m = from; m < k; m++) if (TITLE_WORDS.has(tokens[m]!.text.toLowerCase()) || !tokens[m]!.cap) return null;
    // "Embattled Assemblyman …", "Longtime Mayor …": an adjective opening the sentence, not an organization.
    const describing = k - from === 1 && tokens[from]!.sentenceStart && (/(?:ed|ing|ly)$/i.test(tokens[from]!.text) || DESCRIBING.has(tokens[from]!.text.toLowerCase()));
    const rest = splitTitle(tokens, k, last);
    if (!rest.titleTokens.length || !rest.core) return null;
    if (describing) return rest;
    if (rest.country || rest.state) return null;
    return { ...rest, affiliation: { first: from, last: k } };
  }
  return null;
}

/** Whether compromise's lexicon gives none of the words [first, last) a tag other than a name's: no common word, no place, no organization. */
function unknownWords(tokens: Token[], first: number, last: number): boolean {
  for (let k = first; k < last; k++) {
    const t = tokens[k]!;
    if (!/^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?$/u.test(t.text) || TITLE_WORDS.has(t.text.toLowerCase())) return false;
    if (lexTags(t.text).some((g) => !/Name$/.test(g))) return false;
  }
  // "Keowee Street", "Riverside Park": a place's head noun.
  return !/^(?:street|avenue|road|boulevard|lane|drive|way|square|bridge|park|place|court|hall|tower|station|airport|stadium|arena|center|centre|river|lake|valley|hills?|heights|beach|bay|island|county|city|town|village|district|cup|league|trophy|group|fund|bank|party)$/i.test(tokens[last - 1]!.text);
}

/** Words around a capitalised pair that make it a person: a speech verb, a comma or "and" after it; "from", "under", "by", "with" before it. */
function nameContext(tokens: Token[], first: number, last: number): boolean {
  const after = tokens[last];
  const before = tokens[first - 1]?.text.toLowerCase() ?? "";
  if (after && !after.cap && /^(?:said|says|told|added|admitted|insisted|explained|and|who|has|had|was|is)$/.test(after.text)) return true;
  if (after?.text === "," && tokens[last + 1] && !tokens[last + 1]!.cap) return true;
  return /^(?:from|under|by|with|and|coach|manager|striker|midfielder|defender|forward|winger)$/.test(before);
}

/** Lower-case particles inside a family name: "Louis van Gaal", "Ursula von der Leyen", "Luiz da Silva". */
const NAME_PARTICLES = new Set(["van", "von", "de", "da", "del", "della", "der", "den", "ter", "bin", "binti", "al", "el", "la", "le", "du", "dos", "das", "di", "zu"]);

/** Whether token k is a particle inside a name: lower case, between capitalised words of it. */
function isParticle(tokens: Token[], k: number, first: number, last: number): boolean {
  if (k <= first || k >= last - 1 || !NAME_PARTICLES.has(tokens[k]!.text)) return false;
  // "van der Berg": a particle before another one.
  return tokens[k + 1]!.cap || (k + 2 < last && NAME_PARTICLES.has(tokens[k + 1]!.text) && tokens[k + 2]!.cap);
}

/** Professions a copular sentence can give as a title ("X is a senior fellow at Y"), besides the titles of office. */
const PROFESSIONS = new Set("fellow analyst economist researcher scientist historian lecturer strategist executive editor expert specialist scholar consultant".split(" "));

/** Role nouns that end a capitalised run as its head ("County Policing Commander") and are not family names. */
const ROLE_HEADS = new Set(
  (
    "commander manager director officer spokesman spokeswoman spokesperson secretary minister superintendent chairman chairwoman " +
    "chairperson commissioner president ambassador executive inspector constable sergeant supervisor coordinator administrator " +
    "adviser advisor analyst economist councillor councilor spokesmen"
  ).split(/\s+/),
);

/** Two-letter capitals that are not a person's initials. */
const ACRONYMS = new Set("US UK UN EU TV PM MP AP AI FC CEO GP NY LA DC HQ ID IT PR UAE OK".split(" "));

function isNameCore(tokens: Token[], first: number, last: number): boolean {
  if (last - first < 1 || last - first > 5) return false;
  // "Norfolk’s County Policing Commander, Chief Superintendent Ann Hale": the run is a role, not a name.
  if (last - first >= 2 && ROLE_HEADS.has(tokens[last - 1]!.text.toLowerCase())) return false;
  const particles = tokens.slice(first, last).filter((t, k) => isParticle(tokens, first + k, first, last)).length;
  if (last - first - particles > 4) return false;
  for (let k = first; k < last; k++) {
    const t = tokens[k]!;
    if (isParticle(tokens, k, first, last)) continue;
    if (!isNameWord(t) || /^(?:\p{L}\.){2,}$/u.test(t.text) || NOT_NAMES.has(t.text.toLowerCase())) return false;
    // "spokesman PJ Crowley": two capital initials written together open a name.
    const initials = k === first && last - first >= 2 && /^[A-Z]{2}$/.test(t.text) && !ACRONYMS.has(t.text);
    if (t.text.length > 1 && t.text === t.text.toUpperCase() && !/\.$/.test(t.text) && !initials) return false;
  }
  return true;
}

function text(segment: Segment, first: number, last: number): string {
  return segment.text.slice(segment.tokens[first]!.start, segment.tokens[last - 1]!.end);
}

/**
 * A lower-case title just before a name ("former president", "chief diplomat", "national
 * security advisor"), with the organization or country written before it ("White House",
 * "China’s").
 */
function titleBefore(segment: Segment, first: number, orgs: OrganizationRegistry, places?: PlaceLookup): TitleCandidate | null {
  const { tokens } = segment;
  let j = first - 1;
  // "the association’s chief negotiator, Helen Marsh,": a title in apposition before the name.
  if (tokens[j]?.text === "," && tokens[j - 1] && !tokens[j - 1]!.cap && isRoleNoun(tokens[j - 1]!.text)) j--;
  // "LBC presenter Nick Ferrari": a noun the lexicon does not know as a role, read as one by its suffix before a given name.
  const agent = j >= 0 && j === first - 1 && isAgentNoun(tokens[j]!.text) && isFirstName(tokens[first]!.text);
  if (j < 0 || tokens[j]!.cap || !(isRoleNoun(tokens[j]!.text) || TITLE_HEADS.has(tokens[j]!.text) || agent) || tokens[j]!.paragraph !== tokens[first]!.paragraph) return null;
  const words: number[] = [];
  while (j >= 0 && words.length < 5) {
    const t = tokens[j]!;
    // "head coach": a title's head word that is also a verb ("to coach", "to manage") is still the title.
    if (t.cap || !/^[\p{Ll}][\p{L}-]*$/u.test(t.text) || (isTitleStop(t.text) && !TITLE_HEADS.has(t.text))) break;
    words.unshift(j--);
  }
  if (!words.length) return null;
  let organization: string | null = null;
  let country: string | null = null;
  let from = words[0]!;
  if (j >= 0 && /^['’]s$/.test(tokens[j]!.text) && isCompanyAnaphor(segment, j - 1)) {
    // "the company’s chief executive Rob Lane": the company the article is about.
    organization = salientCompany(orgs, segment, j - 1)?.name ?? null;
  } else if (j >= 0 && /^['’]s$/.test(tokens[j]!.text) && j > 0 && tokens[j - 1]!.cap) {
    const owner = orgs.at(segment, j - 1);
    if (owner) organization = owner.name;
    else country = tokens[j - 1]!.text;
  } else if (j >= 0 && tokens[j]!.cap) {
    const owner = orgs.at(segment, j);
    if (owner) {
      organization = owner.name;
      const m = owner.mentions.find((x) => x.segment === segment && x.first <= j && j < x.last)!;
      from = m.first;
    } else if (COUNTRY_PREFIXES.has(tokens[j]!.text.toLowerCase())) country = tokens[j]!.text;
    else if (places) {
      const owned = affiliationBefore(segment, j, tokens[words[words.length - 1]!]!.text, orgs, places);
      if (owned) {
        organization = owned.organization;
        country = owned.country;
        from = owned.first;
      }
    }
  }
  const title = text(segment, words[0]!, words[words.length - 1]! + 1);
  return { title, organization, country, phrase: text(segment, from, words[words.length - 1]! + 1), how: "before" };
}

/**
 * The capitalised words just before a lower-case title, ending at token `j`: "Dundee boss", "Acme
 * Wire spokesman", "Pentagon spokesman". Not a sentence's common first word, a person's name or a
 * title. A place is the affiliation only before a club's or company's role ("Dundee boss", "Leeds
 * manager"); before any other role it is where the office is, as a country.
 */
function affiliationBefore(segment: Segment, j: number, head: string, orgs: OrganizationRegistry, places: PlaceLookup): { organization: string | null; country: string | null; first: number } | null {
  const { tokens } = segment;
  let a = j;
  while (a > 0 && j - a < 3 && isNameWord(tokens[a - 1]!) && tokens[a - 1]!.paragraph === tokens[j]!.paragraph && !isClaimed(segment, a - 1, a)) a--;
  if (isClaimed(segment, a, j + 1)) return null;
  if (tokens[a]!.sentenceStart && isCommonWord(tokens[a]!.text)) a++;
  if (a > j) return null;
  for (let k = a; k <= j; k++) {
    const w = tokens[k]!.text;
    if (TITLE_WORDS.has(w.toLowerCase()) || NOT_NAMES.has(w.toLowerCase()) || /^(?:\p{L}\.){2,}$/u.test(w)) return null;
  }
  const name = text(segment, a, j + 1);
  if (isDemonym(name)) return null;
  const place = places.lookup(name, true);
  if (place) {
    if (!CLUB_ROLES.has(head.toLowerCase())) return place.kind === ("country" as never) ? { organization: null, country: name, first: a } : null;
  } else if (isFirstName(tokens[a]!.text) || isLastName(tokens[j]!.text)) return null;
  orgs.add(name, guessOrganizationKind(name), 0.6, { segment, first: a, last: j + 1 });
  claim(segment, a, j + 1);
  return { organization: name, country: null, first: a };
}

/**
 * The organization owning a capitalised title chain that starts at token t0: "the company’s current
 * Chief Executive Officer and President", "Acme Wire’s Chief Financial Officer". Reads back over a
 * few lower-case modifiers and over titles joined by "and" to a possessive; "the company" is the
 * company the article is about.
 */
function titleChainOwner(segment: Segment, t0: number, orgs: OrganizationRegistry): string | null {
  const { tokens } = segment;
  let j = t0 - 1;
  let lower = 0;
  while (j >= 0 && tokens[j]!.paragraph === tokens[t0]!.paragraph) {
    const t = tokens[j]!;
    if (t.text === "and" || (t.cap && TITLE_WORDS.has(t.text.toLowerCase()))) j--;
    else if (!t.cap && /^\p{Ll}+$/u.test(t.text) && !isTitleStop(t.text) && lower < 3) {
      lower++;
      j--;
    } else break;
  }
  if (j < 1 || !/^['’]s$/.test(tokens[j]!.text)) return null;
  if (isCompanyAnaphor(segment, j - 1)) return salientCompany(orgs, segment, j - 1)?.name ?? null;
  return orgs.at(segment, j - 1)?.name ?? null;
}

/**
 * "Sky’s Kay Burley", "Acme Wire’s Dana Cole": an organization owning the name, the person's
 * affiliation, without a title (an affiliation-only candidate, `title` ""). A place owning a name
 * ("Britain’s Dana Cole") is where the person is from, not an affiliation.
 */
function possessiveOwner(segment: Segment, first: number, orgs: OrganizationRegistry, places: PlaceLookup): TitleCandidate | null {
  const { tokens } = segment;
  const s = tokens[first - 1];
  if (!s || !/^['’]s$/.test(s.text) || first < 2 || !tokens[first - 2]!.cap || tokens[first - 2]!.paragraph !== tokens[first]!.paragraph) return null;
  const known = orgs.at(segment, first - 2);
  const owned = known ? { organization: known.name, country: null, first: known.mentions.find((m) => m.segment === segment && m.first <= first - 2 && first - 2 < m.last)!.first } : affiliationBefore(segment, first - 2, "", orgs, places);
  if (!owned?.organization) return null;
  return { title: "", organization: owned.organization, country: null, phrase: text(segment, owned.first, first - 1), how: "before" };
}

/**
 * A role in apposition after a name: ", a senior policy analyst at the U.S. Institute of Peace,"
 * / ", an associate professor of international studies at Ewha Womans University in Seoul," /
 * ", China’s foreign minister,".
 */
export function appositiveAfter(segment: Segment, last: number, orgs: OrganizationRegistry, copular = false): { title: TitleCandidate; end: number } | null {
  const { tokens } = segment;
  let i = last;
  // copular: "Craig Goodman is an assistant professor of political science": the role the sentence gives the name.
  if (copular ? !(/^(?:is|was)$/.test(tokens[i]?.text ?? "") && /^(?:a|an)$/i.test(tokens[i + 1]?.text ?? "")) : tokens[i]?.text !== ",") return null;
  i++;
  // Skip an age: "Jane Doe, 45, a farmer".
  if (/^\d+$/.test(tokens[i]?.text ?? "") && tokens[i + 1]?.text === ",") i += 2;
  let country: string | null = null;
  let organization: string | null = null;
  if (/^(?:a|an|the)$/i.test(tokens[i]?.text ?? "")) {
    i++;
    // "the company's chief executive": the company the article is about.
    if (/^['’]s$/.test(tokens[i + 1]?.text ?? "") && isCompanyAnaphor(segment, i)) {
      organization = salientCompany(orgs, segment, i)?.name ?? null;
      i += 2;
    }
    // "the union's chief negotiator": an owner the text does not name is not part of the title.
    else if (!tokens[i]?.cap && /^['’]s$/.test(tokens[i + 1]?.text ?? "")) i += 2;
  }
  // "China's foreign minister", "South Africa's former foreign minister", "the AU's commissioner":
  // a capitalised owner of up to four words, an organization when the article names one there.
  let owned = i;
  while (owned < tokens.length && owned - i < 4 && tokens[owned]!.cap && tokens[owned]!.paragraph === tokens[i]!.paragraph) owned++;
  if (owned > i && /^['’]s$/.test(tokens[owned]?.text ?? "")) {
    const owner = orgs.at(segment, i);
    if (owner) organization = owner.name;
    else country = text(segment, i, owned);
    i = owned + 1;
  }
  const start = i;
  const roleWords: number[] = [];
  let end = i;
  let headSeen = false;
  while (end < tokens.length && end - start < 25) {
    const t = tokens[end]!;
    if (t.paragraph !== tokens[last]!.paragraph && !(tokens[end - 1]?.text === ",")) break;
    if (/^[,.;:!?)(“”"]$/.test(t.text) || t.text === "—" || t.text === "–") break;
    const lower = t.text.toLowerCase();
    if (!t.cap && ["at", "with", "for", "from", "of", "in", "on", "who", "which", "that", "and"].includes(lower) && headSeen) {
      if (["who", "which", "that", "in", "on", "and"].includes(lower)) break;
      // "at the government-funded U.S. Institute of Peace": the organization, without its adjectives.
      let k = end + 1;
      if (tokens[k]?.text.toLowerCase() === "the") k++;
      let skipped = 0;
      while (k < tokens.length && !tokens[k]!.cap && /^[\p{Ll}][\p{L}-]*$/u.test(tokens[k]!.text) && skipped < 3 && !isCommonWord(tokens[k]!.text)) {
        k++;
        skipped++;
      }
      // "the head of the joint major investigations unit at Norfolk Police": a unit in lower case, then the institution.
      if ((lower === "of" || lower === "for") && !tokens[k]?.cap) {
        let n = end + 1;
        if (/^(?:the|a|an|its)$/.test(tokens[n]?.text ?? "")) n++;
        while (n < end + 9 && tokens[n] && /^\p{Ll}[\p{L}-]*$/u.test(tokens[n]!.text) && !isTitleStop(tokens[n]!.text)) n++;
        let o = n + 1;
        if (tokens[o]?.text.toLowerCase() === "the") o++;
        if (n > end + 1 && /^(?:at|with)$/.test(tokens[n]?.text ?? "") && tokens[o]?.cap && orgs.at(segment, o)) {
          for (let x = end; x < n; x++) roleWords.push(x);
          end = n;
          continue;
        }
        // "co-chief investment officer of the world’s largest hedge fund, Bridgewater Associates,": the
        // description of the institution, then its name in apposition.
        let d = end + 1;
        if (/^(?:the|a|an)$/.test(tokens[d]?.text ?? "")) d++;
        while (d < end + 10 && tokens[d] && (/^\p{Ll}[\p{L}-]*$/u.test(tokens[d]!.text) || /^['’]s$/.test(tokens[d]!.text)) && !/^(?:who|which|that|and|said|says)$/.test(tokens[d]!.text)) d++;
        if (d > end + 2 && tokens[d]?.text === "," && tokens[d + 1]?.cap) {
          const named = orgs.at(segment, d + 1);
          const nm = named?.mentions.find((x) => x.segment === segment && x.first === d + 1);
          const e = nm ? nm.last : capRun(segment, d + 1);
          if (!tokens[e] || /^[,.;)]$/.test(tokens[e]!.text)) {
            if (named) organization ??= named.name;
            else if (!isClaimed(segment, d + 1, e) && e - d - 1 <= 5 && !isFirstName(tokens[d + 1]!.text) && !lexTags(text(segment, d + 1, e)).some((g) => /^(?:Country|City|Region|Place|Demonym)$/.test(g))) {
              // An institution nobody lists, named in apposition to its description: an organization of the article too.
              const name = text(segment, d + 1, e);
              organization ??= orgs.add(name, guessOrganizationKind(name), 0.6, { segment, first: d + 1, last: e }).name;
              claim(segment, d + 1, e);
            }
            if (named || organization) {
              end = e;
              break;
            }
          }
        }
      }
      // "Chairman of the Company's Board of Directors": the company the article is about.
      if ((lower === "of" || lower === "for") && isCompanyAnaphor(segment, k)) {
        organization ??= salientCompany(orgs, segment, k)?.name ?? null;
        let e = k + 1;
        if (/^['’]s$/.test(tokens[e]?.text ?? "")) e = capRun(segment, e + 1);
        for (let x = end; x < e; x++) roleWords.push(x);
        end = e;
        break;
      }
      const ofRun = (lower === "of" || lower === "for") && tokens[k]?.cap ? capRun(segment, k) : -1;
      if (ofRun > k && !isSubject(segment, k, ofRun)) {
        const next = tokens[ofRun];
        let n = ofRun + 1;
        if (tokens[n]?.text.toLowerCase() === "the") n++;
        if (next && !next.cap && (next.text === "at" || next.text === "with") && tokens[n]?.cap) {
          // "director of the Southeast Asia Program at the Center for …": the unit is part of the title, the institution the affiliation.
          for (let x = end; x < ofRun; x++) roleWords.push(x);
          end = ofRun;
          continue;
        }
      }
      const org = tokens[k]?.cap ? orgs.at(segment, k) : undefined;
      if (org) {
        organization ??= org.name;
        const m = org.mentions.find((x) => x.segment === segment && x.first <= k && k < x.last)!;
        end = m.last;
        break;
      }
      if ((lower !== "of" && lower !== "for") || (ofRun > k && !isSubject(segment, k, ofRun))) {
        if (tokens[k]?.cap) {
          // An organization nobody lists ("at Acme Labs", "of Acme Wire"): the capitalised run after the preposition.
          const e = capRun(segment, k);
          const name = text(segment, k, e);
          organization ??= name;
          // It is an organization of the article too, like one the name rules found.
          if (!isClaimed(segment, k, e)) {
            orgs.add(name, guessOrganizationKind(name), 0.6, { segment, first: k, last: e });
            claim(segment, k, e);
          }
          end = e;
        }
        break;
      }
    }
    if (t.cap) {
      const org = orgs.at(segment, end);
      if (org) {
        // "a retired U.S. Army general": the organization inside the role.
        organization ??= org.name;
        const m = org.mentions.find((x) => x.segment === segment && x.first <= end && end < x.last)!;
        end = m.last;
        continue;
      }
      if (!COUNTRY_PREFIXES.has(lower) && !TITLE_WORDS.has(lower)) break;
      if (COUNTRY_PREFIXES.has(lower)) {
        country ??= t.text;
        end++;
        continue;
      }
    } else if (isTitleStop(t.text) && !["of", "for", "at", "with", "from"].includes(lower)) break;
    if (isRoleNoun(t.text)) headSeen = true;
    roleWords.push(end);
    end++;
  }
  if (!headSeen || !roleWords.length) return null;
  // "Ana Reid, chief executive, Acme Foods:" (a speaker's heading, a list of panellists): the institution
  // in apposition to the role, when the capitalised run closes the phrase.
  if (organization == null && tokens[end]?.text === "," && tokens[end + 1]?.cap && tokens[end + 1]!.paragraph === tokens[last]!.paragraph) {
    const named = orgs.at(segment, end + 1);
    const nm = named?.mentions.find((x) => x.segment === segment && x.first === end + 1);
    const e = nm ? nm.last : capRun(segment, end + 1);
    const closes = !tokens[e] || tokens[e]!.paragraph !== tokens[end]!.paragraph || /^[:,.;]$/.test(tokens[e]!.text);
    if (closes && e > end + 1) {
      if (named) {
        organization = named.name;
        end = e;
      } else if (e - end - 1 <= 5 && !isClaimed(segment, end + 1, e) && !isFirstName(tokens[end + 1]!.text) && !lexTags(text(segment, end + 1, e)).some((g) => /^(?:Country|City|Region|Place|Demonym|Person|FirstName|LastName)$/.test(g))) {
        const name = text(segment, end + 1, e);
        organization = orgs.add(name, guessOrganizationKind(name), 0.6, { segment, first: end + 1, last: e }).name;
        claim(segment, end + 1, e);
        end = e;
      }
    }
  }
  // The role ends at its last role noun or at a lower-case "of …" complement of it.
  const words = roleWords.map((k) => tokens[k]!.text);
  const title = words.join(" ").replace(/\s+(['’]s)\b/gu, "$1").replace(/(?:\s+(?:at|with|from|of|for|the))+$/, "");
  if (!isRoleNoun(words[words.length - 1]!) && !words.includes("of") && !words.includes("for")) return null;
  // "X is a good friend of the family" gives no title: a copular role must be a profession or an office.
  if (copular && !words.some((w) => TITLE_HEADS.has(w.toLowerCase()) || PROFESSIONS.has(w.toLowerCase()))) return null;
  return { title: { title, organization, country, phrase: text(segment, start, roleWords[roleWords.length - 1]! + 1), how: "appositive" }, end };
}

/**
 * Finds the people a segment names. A capitalised run is a person when a title precedes it
 * ("Foreign Minister Toshimitsu Motegi", "former president Donald Trump"), when it starts with a
 * given name compromise knows, when it ends in a family name compromise knows, or when a role in
 * apposition follows it. Surname-only mentions ("Kim said") are resolved afterwards, by
 * {@link resolveSurnames}.
 */
export function findPeople(segment: Segment, people: PeopleRegistry, orgs: OrganizationRegistry, places: PlaceLookup): void {
  const { tokens } = segment;
  let pending: { title: TitleCandidate; until: number; to?: number } | null = null;
  for (const span of segment.spans) {
    const ranges = unclaimedRanges(segment, span.first, span.last);
    for (const range of ranges) {
      let first = range[0];
      const last = range[1];
      // "U.S. Ambassador to Peru Sam Reed": the place or organization after "to" completes the title before it.
      let toTitle: TitleCandidate | null = null;
      if (pending?.to === first) {
        for (const n of [3, 2, 1]) {
          if (last - first - n < 1) continue;
          const name = text(segment, first, first + n);
          const org = orgs.at(segment, first);
          const orgMention = org?.mentions.find((x) => x.segment === segment && x.first === first && x.last === first + n);
          if (!orgMention && !places.lookup(name, true)) continue;
          const t: TitleCandidate = pending.title;
          toTitle = { ...t, title: `${t.title} to ${name}`, phrase: `${t.phrase} to ${name}`, organization: orgMention ? org!.name : t.organization };
          first += n;
          break;
        }
      }
      const split = splitTitle(tokens, first, last);
      let capTitle: TitleCandidate | null = null;
      let capFrom = first;
      if (split.titleTokens.length) {
        const t0 = split.titleTokens[0]!;
        const t1 = split.titleTokens[split.titleTokens.length - 1]! + 1;
        const titleText = text(segment, t0, t1);
        let from = split.country ? t0 - 1 : t0;
        if (split.state) from = t0 - split.state.split(" ").length;
        let organization = split.state ?? null;
        if (split.affiliation) {
          const { first: a0, last: a1 } = split.affiliation;
          const name = text(segment, a0, a1);
          // "Portland Mayor Ted Wheeler": a place before the title is where the office is, not an organization.
          if (!places.isPlaceName(name)) {
            organization = (orgs.at(segment, a0) ?? orgs.add(name, guessOrganizationKind(name), 0.7, { segment, first: a0, last: a1 })).name;
            claim(segment, a0, a1);
          }
          from = a0;
        }
        // "Brightwell Foods CEO Lena Ortiz" where the organization was read first: the name just before the title.
        if (!organization && !split.country && from > 0) {
          // "American Express (AXP) CEO Stephen Squeri": past a ticker or an acronym in parentheses.
          const end = tokens[from - 1]!.text === ")" && tokens[from - 3]?.text === "(" && /^[A-Z][A-Z.:]{0,11}$/.test(tokens[from - 2]!.text) ? from - 3 : from;
          const owner = end > 0 ? orgs.at(segment, end - 1) : undefined;
          const m = owner?.mentions.find((x) => x.segment === segment && x.last === end);
          if (owner && m && tokens[m.first]!.paragraph === tokens[from]!.paragraph) {
            organization = owner.name;
            from = m.first;
          }
        }
        // "The Company's current Chief Executive Officer and President, A. John Knapp": the owner before the title chain.
        if (!organization && !split.country) organization = titleChainOwner(segment, from, orgs);
        capTitle = { title: titleText, organization, country: split.country, phrase: text(segment, from, t1), how: "before" };
        capFrom = from;
      } else if (toTitle) capTitle = toTitle;
      if (!split.core) {
        // "President’s Xi Jingping", "Secretary, John Smith": a title whose name follows after a possessive.
        if (capTitle) {
          pending = { title: capTitle, until: last + 2 };
          if (tokens[last]?.text === "to" && tokens[last + 1]?.paragraph === tokens[last - 1]!.paragraph) pending.to = last + 1;
        }
        continue;
      }
      let cf = split.core.first;
      let cl = split.core.last;
      // "Sentencing Brian Hollis, …", "Forward Joao Mendes scored": a sentence's first word that compromise
      // files as a common word (a gerund, an adverb, a noun) is not part of the name a given name starts.
      if (!capTitle && cl - cf >= 3 && tokens[cf]!.sentenceStart && !isFirstName(tokens[cf]!.text) && isFirstName(tokens[cf + 1]!.text) && (isCommonWord(tokens[cf]!.text) || /ing$/.test(tokens[cf]!.text) || lexTags(tokens[cf]!.text).length > 0)) cf++;
      // "Claire Hollings KC", "Jane Roe MP", "John Smith Jr.": letters after the name are not part of it.
      while (cl - cf > 2 && POSTNOMINALS.has(tokens[cl - 1]!.text.toLowerCase())) cl--;
      if (cl - cf === 2 && POSTNOMINALS.has(tokens[cl - 1]!.text.toLowerCase()) && tokens[cl - 1]!.text !== "Jr.") cl--;
      if (!isNameCore(tokens, cf, cl) || isBrand(segment.text, text(segment, cf, cl))) continue;
      if (pending && cf <= pending.until && !capTitle) capTitle = pending.title;
      pending = null;
      const coreText = text(segment, cf, cl);
      // "top Pentagon spokesman Brig. Gen. Dana Cole": a rank is a form of address; the role before it is the title.
      const rank = capTitle != null && capTitle.title.split(/\s+/).every((w) => RANKS.has(w.toLowerCase()));
      const before = capTitle && !rank ? null : titleBefore(segment, capTitle ? capFrom : cf, orgs, places);
      const apposition = appositiveAfter(segment, cl, orgs) ?? appositiveAfter(segment, cl, orgs, true);
      const title = (rank ? before : null) ?? capTitle ?? before ?? apposition?.title ?? null;
      const n = cl - cf;
      const place = places.isPlaceName(coreText);
      const demonym = isDemonym(coreText);
      const firstWord = tokens[cf]!;
      const startsSentence = firstWord.sentenceStart && isCommonWord(firstWord.text);
      let confidence = 0;
      if (capTitle || before) confidence = place ? 0 : 0.9;
      else if (n >= 2 && isFirstName(firstWord.text) && !place && !demonym) confidence = 0.8;
      else if (n >= 2 && apposition && !place && !demonym) confidence = 0.8;
      else if (n === 2 && isLastName(tokens[cl - 1]!.text) && !place && !demonym && !startsSentence) confidence = 0.6;
      // "Frank Lampard said", "Timo Werner and Mason Mount": two capitalised words compromise's lexicon
      // gives no part of speech (no common word, place or organization head), inside a sentence, read
      // as a person's name when a speech verb, a comma or "and" follows it, or "from", "under", "by", "with" comes before it.
      else if (n === 2 && !place && !demonym && !firstWord.sentenceStart && unknownWords(tokens, cf, cl) && nameContext(tokens, cf, cl)) confidence = 0.5;
      // "Pieter van Dijk", "Ana de Souza": a lower-case particle between capitalised words is a family name's.
      if (!confidence && n >= 3 && !place && !startsSentence && tokens.slice(cf + 1, cl - 1).some((_, k) => isParticle(tokens, cf + 1 + k, cf, cl))) confidence = 0.7;
      if (!confidence) {
        // "Van Gaal said", "De Souza added": a family name with its particle, of someone named in full before.
        if (n >= 2 && NAME_PARTICLES.has(tokens[cf]!.text.toLowerCase()) && !place) {
          const known = people.resolve(coreText, segment, cf);
          if (known) {
            known.mentions.push({ segment, first: cf, last: cl });
            if (apposition) known.titles.push(apposition.title);
            claim(segment, cf, cl);
            continue;
          }
        }
        if (n === 1 && !place) {
          const known = people.resolve(coreText, segment, cf);
          if (known) {
            const mention = { segment, first: cf, last: cl };
            known.mentions.push(mention);
            if (apposition) known.titles.push(apposition.title);
            claim(segment, cf, cl);
          }
        }
        continue;
      }
      const mention = { segment, first: cf, last: cl };
      if (n === 1) {
        const known = people.resolve(coreText, segment, cf);
        if (known) {
          known.mentions.push(mention);
          if (title) known.titles.push(title);
          if (apposition && title !== apposition.title) known.titles.push(apposition.title);
          claim(segment, cf, cl);
          continue;
        }
      }
      const person = people.add(coreText, mention, n === 1 ? confidence - 0.2 : confidence, title);
      if (rank && capTitle && title !== capTitle) person.titles.push(capTitle);
      if (apposition && title !== apposition.title) person.titles.push(apposition.title);
      if (!capTitle && !before) {
        const owner = possessiveOwner(segment, cf, orgs, places);
        if (owner) person.titles.push(owner);
      }
      claim(segment, cf, cl);
    }
  }
}

/**
 * The end of the capitalised run starting at token k: its cap span (with "of", "for" inside),
 * an organization's mention covering it, and over "and" when the run has "of" or "for" in it
 * ("Center for Strategic and International Studies", "Department of Health and Human Services").
 */
function capRun(segment: Segment, k: number): number {
  const { tokens, spans } = segment;
  let e = spans.find((s) => s.first <= k && k < s.last)?.last ?? k + 1;
  for (;;) {
    const inner = tokens.slice(k, e).some((t) => t.text === "of" || t.text === "for");
    const after = spans.find((s) => s.first === e + 1);
    if (inner && after && (tokens[e]?.text === "and" || tokens[e]?.text === "&") && tokens[e + 1]!.paragraph === tokens[k]!.paragraph) e = after.last;
    else break;
  }
  return e;
}

/** "professor of English", "minister of Foreign Affairs": a field or a department after "of", not an organization. */
function isSubject(segment: Segment, first: number, last: number): boolean {
  const words = segment.tokens.slice(first, last).map((t) => t.text);
  return isDemonym(words.join(" ")) || words.every((w) => DEPARTMENT_WORDS.has(w.toLowerCase()) || /^(?:of|and|&|the)$/i.test(w));
}

/** Letters written after a name: honours, professional ranks, generational suffixes. */
const POSTNOMINALS = new Set(["kc", "qc", "mp", "msp", "mep", "obe", "cbe", "mbe", "kbe", "dbe", "frs", "phd", "md", "jr.", "sr.", "ii", "iii"]);

/** Parts of [first, last) not claimed by an organization: "Harvard University Professor Jane Roe" → "Professor Jane Roe". */
function unclaimedRanges(segment: Segment, first: number, last: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let s = -1;
  for (let i = first; i <= last; i++) {
    const free = i < last && !segment.claimed.has(i);
    if (free && s < 0) s = i;
    if (!free && s >= 0) {
      ranges.push([s, i]);
      s = -1;
    }
  }
  return ranges;
}

/** Lone surnames and family names left unclaimed after all segments were read ("Blinken and Austin will…"). */
export function resolveSurnames(segment: Segment, people: PeopleRegistry): void {
  for (const span of segment.spans) {
    for (const [first, last] of unclaimedRanges(segment, span.first, span.last)) {
      for (let i = first; i < last; i++) {
        const t = segment.tokens[i]!;
        if (!isNameWord(t) || NOT_NAMES.has(t.text.toLowerCase())) continue;
        // "Biden policy review", "Kim Jong-un regime": a known surname inside a longer run still names the person.
        const known = people.resolve(t.text, segment, i);
        if (known && !isClaimed(segment, i, i + 1)) {
          known.mentions.push({ segment, first: i, last: i + 1 });
          claim(segment, i, i + 1);
        }
      }
    }
  }
}

const TITLE_ABBREVIATIONS: Record<string, string> = {
  "gov.": "Governor",
  "sen.": "Senator",
  "rep.": "Representative",
  "gen.": "General",
  "brig.": "Brigadier",
  "lt.": "Lieutenant",
  "col.": "Colonel",
  "maj.": "Major",
  "capt.": "Captain",
  "adm.": "Admiral",
  "sgt.": "Sergeant",
  "prof.": "Professor",
  "supt.": "Superintendent",
  "atty.": "Attorney",
  "det.": "Detective",
  "serg.": "Sergeant",
  "insp.": "Inspector",
  "rev.": "Reverend",
};

/** British police ranks written without a period ("Det Supt", "Ch Insp", "DCI"). */
const BARE_ABBREVIATIONS: Record<string, string> = {
  det: "Detective",
  supt: "Superintendent",
  insp: "Inspector",
  sgt: "Sergeant",
  ch: "Chief",
  dci: "Detective Chief Inspector",
  pc: "Police Constable",
  serg: "Sergeant",
};

/** "Gov." → "Governor", "Det Supt" → "Detective Superintendent": a stored title reads in full. */
function expandAbbreviation(title: string): string {
  return title
    .replace(/[A-Za-z]+\./g, (w) => TITLE_ABBREVIATIONS[w.toLowerCase()] ?? w)
    .replace(/\b[A-Za-z]+\b(?!\.)/g, (w) => (/^(?:[A-Z][a-z]+|[A-Z]+)$/.test(w) ? (BARE_ABBREVIATIONS[w.toLowerCase()] ?? w) : w));
}

const RETIRED = /\b(?:former|retired|ex-|then-|late|onetime|one-time)\b/i;

function titleScore(t: TitleCandidate): number {
  const words = fold(t.title).split(/\s+/);
  // The head is before the complement: "head of the major crimes unit" has no "major" in its head.
  const of = words.findIndex((w) => /^(?:of|for|at|with|on|to)$/.test(w));
  const head = of > 0 ? words.slice(0, of) : words;
  let score = 0;
  if (head.some((w) => FORMAL_TITLE_HEADS.has(w))) score += 3;
  if (head.some((w) => TITLE_HEADS.has(w) && !HONORIFICS.has(w))) score += 1;
  if (words.every((w) => HONORIFICS.has(w))) score -= 5;
  if (RETIRED.test(t.title)) score -= 2;
  if (/^(?:secretaries|ministers|presidents)$/i.test(t.title)) score -= 4;
  if (t.organization) score += 0.5;
  // "Wolfsburg boss" in a headline, "Wolfsburg manager" in the text: "boss" is headline shorthand for the role.
  if (words.includes("boss")) score -= 0.75;
  if (t.how === "appositive") score += 0.25;
  // A rank beside a role ("spokesman Brig. Gen. Dana Cole"): the role is what the person does.
  if (words.every((w) => RANKS.has(w))) score -= 3;
  return score;
}

/** The title, organization and aliases to report for a person: the most formal current title, the organization that goes with it. */
export function settlePerson(person: PersonRecord, orgs: OrganizationRegistry): { title: string | null; organization: string | null; aliases: string[] } {
  // An affiliation-only candidate ("Sky’s Kay Burley") gives an organization, never the title.
  const titles = person.titles.filter((t) => t.title !== "" && !/^(?:secretaries|ministers|presidents)$/i.test(t.title) && !HONORIFICS.has(t.title.toLowerCase()));
  const best = [...titles].sort((a, b) => titleScore(b) - titleScore(a))[0] ?? null;
  let organization = best?.organization ?? null;
  const usAttached = person.titles.some(
    (t) => /^(?:u\.s\.|us|american)$/i.test(t.country ?? "") || /^(?:white house|pentagon|state department|u\.s\. )/i.test(t.organization ?? ""),
  );
  if (best && !organization && usAttached) {
    const dept = /^(?:(\w+(?: security| affairs)?) secretary|secretary of (?:the )?(\w+(?: security| affairs)?))$/i.exec(best.title);
    const key = dept ? (dept[1] ?? dept[2])!.toLowerCase() : null;
    if (key && US_DEPARTMENTS[key]) {
      organization = `U.S. Department of ${US_DEPARTMENTS[key]}`;
      orgs.add(organization, "government" as never, 0.5, undefined, true);
    }
  }
  if (!organization) organization = titles.find((t) => t.organization && !RETIRED.test(t.title))?.organization ?? person.titles.find((t) => t.title === "" && t.organization)?.organization ?? null;
  // "U.S. Ambassador to Peru": an envoy speaks for the country that sends them.
  if (!organization && best?.country && /^(?:ambassador|envoy)\b/i.test(best.title)) organization = best.country;
  // "board chair Michael Ortega" in an article about "the board of TriMet": the one organization whose board the text names.
  if (!organization && best && /^board\b|\bboard (?:chair|chairman|chairwoman|president|member|vice chair)\b/i.test(best.title)) {
    const boards = orgs.all.filter((o) => o.board);
    if (boards.length === 1) organization = boards[0]!.name;
  }
  const aliases = new Set(person.aliases);
  for (const t of titles) {
    // A title with its organization used in place of the name ("Pentagon chief") is a way the text names the person.
    if (t !== best && t.how === "before" && t.organization && fold(t.phrase) !== fold(best?.title ?? "")) aliases.add(t.phrase);
  }
  const full = fold(person.name);
  for (const m of person.mentions) {
    const written = mentionText(m);
    if (written.includes(" ") && fold(written) !== full) aliases.add(written);
  }
  return { title: best ? expandAbbreviation(best.title) : null, organization, aliases: [...aliases] };
}
