/**
 * Recognisers for the pieces of a news page that are not body text: page furniture, photo
 * captions and their credits, bylines, date lines, datelines and section headings. They look at
 * one paragraph (or line) at a time and hold for any English news article; nothing here is keyed
 * to one publisher.
 */

const MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const DAY_NAME = "(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\\.?";

/** "March 11, 2021", "Feb. 10, 2021", "11 March 2021". */
export const ABSOLUTE_DATE = new RegExp(`(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH}\\s+\\d{4})`, "i");

/** Whole lines that are navigation, sharing, advertising, consent or promotion, never prose. */
const FURNITURE_LINES: RegExp[] = [
  /^accessibility links$/i,
  /^(breaking news|breaking|live|live updates|developing story|exclusive)$/i,
  /^skip (to|navigation)\b.*$/i,
  /^(jump|go) to (main )?(content|navigation)$/i,
  /^(share|shares|sharing|share this|share (this|the) (article|story|page|video)|share on \w+|share via \w+)$/i,
  /^(tweet|email|e-mail|print|print this (article|page)|copy link|link copied|save|save article|comment|comments|\d+ comments?|show comments|view comments|reprints?( & permissions)?)$/i,
  /^(facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest|messenger)$/i,
  /^(advertisement|advertising|ad|sponsored|sponsored content|paid content|promoted|partner content|story continues below( this)? (advertisement|ad)|scroll to continue( with content)?|continue reading( below)?)$/i,
  /^(read more|more|see more|see also|related|related (articles|stories|content|coverage|topics|links)|more (on|from) (this|the) (story|topic)|most (read|popular|viewed)|trending( now)?|recommended( for you)?|top stories|latest (news|stories)|you may also like|what to read next)\b.{0,40}$/i,
  /^(menu|search|home|news|sections|navigation|main menu|close|open|back to top|top|loading\.*|next|previous|next article|previous article|sign in|log in|login|register|subscribe|subscribe now|sign up|my account)$/i,
  /^(listen|listen to (this|the) (article|story)|audio|play|watch|watch live|video|\d+:\d\d)$/i,
  /^\d+\s*(min(ute)?s?)\s+read$/i,
  /^(follow|follow us)( on \w+)?$/i,
  /^(image|photo|media) (source|caption),?$/i,
  /^(copyright|©|\(c\))\s.*$/i,
  /^all rights reserved\.?$/i,
  /^(terms of (use|service)|privacy( policy| notice)?|cookie (policy|settings|preferences)|contact us|about us|help|faq|sitemap)$/i,
  /^(topics|tags|filed under|categories)\s*:?.{0,80}$/i,
];

/** Lines that are furniture whatever follows on them: consent banners and newsletter pitches. */
const FURNITURE_ANYWHERE: RegExp[] = [
  /\bwe use cookies\b/i,
  /\b(accept|reject|manage) (all )?cookies\b/i,
  /\bby (continuing to browse|using this (site|website))\b.*\bcookies\b/i,
  /\b(sign up|subscribe) (for|to) (our|the) [\w\s]{0,30}newsletters?\b/i,
  /\bget (our|the) [\w\s]{0,30}newsletter\b/i,
  /\byou have \d+ free (articles?|stories) (left|remaining)\b/i,
  /\b(this|the) (article|story) (is|was) (produced|provided) by\b.*\b(partner|sponsor)/i,
  /\bclick here to\b/i,
  /^\(?(additional )?(reporting|writing|editing|compiled) by\b/i,
  /\bdownload (our|the) app\b/i,
  /\bfollow (us|\w+) on (twitter|facebook|instagram|x|threads|bluesky|linkedin)\b/i,
];

/** True when a line is page furniture (navigation, sharing, ads, consent banners...). */
export function isFurniture(line: string): boolean {
  const t = line.trim();
  if (t === "") return true;
  if (t.length <= 60 && FURNITURE_LINES.some((re) => re.test(t))) return true;
  return t.length <= 400 && FURNITURE_ANYWHERE.some((re) => re.test(t));
}

const CREDIT_PATTERNS: RegExp[] = [
  // "(AP Photo/Ahn Young-joon)", "(Reuters/Jane Doe)", "(Photo: Jane Doe)", "(Getty Images)".
  /\s*\(((?:[A-Z][\w.&]*\s+)?(?:Photo|Photos|Photograph|Pool Photo|File Photo|Image|Video)\s*[/:][^)]+|(?:AP|AFP|Reuters|EPA|Getty Images|Shutterstock|Bloomberg|Xinhua|Yonhap|Pool)(?:\s*(?:via|\/)\s*[^)]+)?|Photo by [^)]+|Credit:? [^)]+)\)\s*$/,
  // "Photo: Jane Doe/Reuters", "Photograph: X/Getty Images", "Credit: ...", "Image: ..." at the end.
  /\s*(?:[|—–-]\s*)?((?:Photo|Photograph|Photos|Image|Credit|Picture)\s*(?:credit)?\s*:\s*[^.]{2,80})\s*$/,
  // "... in Kyiv. Jane Doe/Reuters", "... | Getty Images" at the end.
  /\s*(?:\||—|–)\s*([^|—–]{2,60}(?:Getty Images|AFP|Reuters|AP|EPA|Shutterstock|Bloomberg|Alamy|Pool))\s*$/,
  /(?<=[.!?])\s+((?:[A-Z][\w'-]+\s){1,3}[A-Z][\w'-]+\s*\/\s*(?:Getty Images|AFP|Reuters|AP|EPA|Shutterstock|Bloomberg|The [A-Z]\w+(?: [A-Z]\w+)*))\s*$/,
];

/** Splits a photo credit off the end of a caption. */
export function splitCredit(text: string): { caption: string; credit: string | null } {
  for (const re of CREDIT_PATTERNS) {
    const m = re.exec(text);
    if (m && m.index > 0) return { caption: text.slice(0, m.index).trim(), credit: m[1]!.trim() };
  }
  const lead = /^(?:Photo|Photograph|Image|Credit)\s*:\s*([^.]{2,80}?)\s*[.—–|-]\s+(.+)$/i.exec(text);
  if (lead) return { caption: lead[2]!.trim(), credit: lead[1]!.trim() };
  return { caption: text.trim(), credit: null };
}

const CAPTION_DATE_END = new RegExp(`,\\s*(?:(?:${DAY_NAME}),?\\s+)?(?:${MONTH}\\s+\\d{1,2},\\s+\\d{4}|\\d{1,2}\\s+${MONTH}\\s+\\d{4}|in this (?:file )?(?:photo|image) (?:taken|dated)? ?.{0,30})\\.?$`, "i");
const PRESENT_TENSE_VERB = /\b[a-z]+(?:s|es)\b|\b(?:is|are|stand|sit|walk|wait|look|gather|pose|hold|attend|arrive|leave|depart|speak|talk|meet|march|protest|wave|shake|listen|watch)\b/;

/**
 * True when a paragraph reads like a photo caption: a photo credit, a "FILE -" lead, or one
 * present-tense sentence ending in a dateline-style date (", March 11, 2021.").
 */
export function isCaption(text: string): boolean {
  const t = text.trim();
  if (t.length > 400) return false;
  if (/^(FILE( PHOTO)?|IMAGE|PHOTO|In this (file )?photo)\b\s*[-—–:,]/i.test(t)) return true;
  if (splitCredit(t).credit !== null && !/[“"”]/.test(t)) return true;
  if (!CAPTION_DATE_END.test(t)) return false;
  const beforeDate = t.replace(CAPTION_DATE_END, "");
  // One sentence: no sentence end before the date (abbreviations such as "U.S." aside).
  const sentenceEnds = beforeDate.replace(/\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|St|Jr|Sr|No|Feb|Jan|Aug|Sept|Oct|Nov|Dec)\./g, "").match(/[.!?]\s+[A-Z]/g);
  if (sentenceEnds) return false;
  if (/[“"”]/.test(beforeDate)) return false;
  return PRESENT_TENSE_VERB.test(beforeDate);
}

const NAME = "[A-Z][\\p{L}.'’-]+(?:\\s+(?:[A-Z][\\p{L}.'’-]+|de|da|van|von|der|la|le|bin|al-\\p{L}+)){0,3}";
const PUBLISHER = /^(Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|CNN|BBC( News)?|VOA|Voice of America|Staff|Staff Writer|.+\s(News|Press|Times|Post|Journal|Herald|Tribune|Agency|Reporter|Correspondent|Writer|Editor|Staff))$/;
const BYLINE_BY = new RegExp(`^By\\s+(${NAME}(?:\\s*(?:,|and|&)\\s*${NAME})*)(?:\\s*(?:,|\\||—|–|-)\\s*(.{2,60}))?$`, "u");
const BYLINE_NAME_ORG = new RegExp(`^(${NAME}(?:\\s*(?:,|and|&)\\s*${NAME})*)\\s*(?:,|\\||—|–)\\s*(Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|CNN|BBC( News)?|VOA|Voice of America|[A-Z][\\w.]*(?:\\s[A-Z][\\w.]*){0,3}\\s(?:News|Times|Post|Journal|Reporter|Correspondent|Writer|Editor))$`, "u");

/** The author names in a byline ("By Jane Doe and John Roe", "Jane Doe, Reuters"), or null. */
export function parseByline(line: string): string[] | null {
  const t = line.trim();
  if (t.length > 160) return null;
  const m = BYLINE_BY.exec(t) ?? BYLINE_NAME_ORG.exec(t);
  if (!m) return null;
  return m[1]!.split(/\s*(?:,|\band\b|&)\s*/).map((s) => s.trim()).filter((s) => s !== "" && !PUBLISHER.test(s));
}

const DATE_LINE = new RegExp(`^(?:(Published|Updated|Posted|Last updated|First published|Last modified|Modified)\\b\\s*(?:on|at)?\\s*:?\\s*)?((?:${DAY_NAME},?\\s+)?(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH}\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})(?:,?\\s*(?:at\\s+)?\\d{1,2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?\\s*(?:[A-Z]{2,4}|GMT[+-]?\\d*|UTC)?)?)(?:\\s*\\|.*)?\\.?$`, "i");

/** A line that only states when the page was published or updated: its label and date text. */
export function parseDateLine(line: string): { label: string | null; dateText: string } | null {
  const t = line.trim();
  if (t.length > 120) return null;
  const m = DATE_LINE.exec(t);
  if (!m) return null;
  return { label: m[1]?.toLowerCase() ?? null, dateText: m[2]! };
}

const DATELINE = /^((?:[A-Z][A-Z.'’-]+)(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z][\p{L}.]+(?:\s+[A-Z][\p{L}.]+){0,2})?)\s*(?:\(([A-Za-z][\w .&-]{0,30})\))?\s*[—–-]{1,2}\s+/u;

/** The dateline opening a paragraph ("SEOUL, South Korea (AP) —"): the place and the agency. */
export function parseDateline(paragraph: string): { text: string; place: string; agency: string | null } | null {
  const m = DATELINE.exec(paragraph);
  if (!m) return null;
  const [city, ...rest] = m[1]!.split(/,\s+/);
  if (!city || city.length < 3 || !/[AEIOUY]/.test(city)) return null;
  const titled = city.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_s, sep: string, c: string) => sep + c.toUpperCase());
  return { text: m[0].trim(), place: [titled, ...rest].join(", "), agency: m[2] ?? null };
}

/** A short line without closing punctuation between paragraphs: a section heading. */
export function looksLikeHeading(line: string): boolean {
  const t = line.trim();
  if (t.length < 3 || t.length > 90 || /\n/.test(t)) return false;
  if (t.split(/\s+/).length > 12) return false;
  if (/[.!?,;:"“”'’)]$/.test(t) && !/\?$/.test(t)) return false;
  if (!/^[\p{Lu}\d“"‘']/u.test(t)) return false;
  return !isFurniture(t);
}

/**
 * A short line of article metadata before the text: names and a date joined by separators
 * ("Jane Doe · 4 September 2023", "By Jane Doe | Updated March 3, 2024").
 */
export function parseMetaLine(line: string): { names: string[]; dateText: string | null } | null {
  const t = line.trim();
  if (t.length > 160) return null;
  const parts = t.split(/\s+[·|•]\s+|\s+[—–]\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return null;
  const names: string[] = [];
  let dateText: string | null = null;
  for (const part of parts) {
    const date = parseDateLine(part);
    if (date) {
      dateText ??= date.dateText;
      continue;
    }
    const byline = parseByline(part) ?? (new RegExp(`^${NAME}$`, "u").test(part) && part.split(/\s+/).length <= 4 ? [part] : null);
    if (!byline) return null;
    names.push(...byline);
  }
  return { names, dateText };
}
