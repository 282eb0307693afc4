import type { AttributionContext, Speaker } from "./attribution";
import { US_DEPARTMENTS, isRoleNoun } from "./lexicon";
import type { AnonymousSpeaker } from "./types";

/**
 * Anonymous sources: an attribution whose speaker is a noun phrase with no name, opened by an
 * indefinite or quantified determiner or "the", and headed by a role noun: "a senior State
 * Department official", "an official who spoke on condition of anonymity", "two people familiar
 * with the talks", "a spokesperson for the ministry", "the staffer". The organization named inside
 * the phrase is the source's affiliation, not the speaker.
 */

/** An attribution to an unnamed speaker, with what the text says about them. */
export type AnonymousSpeakerRef = { kind: "unnamed"; anonymous: AnonymousSpeaker };

const DETERMINERS = /^(?:a|an|one|two|three|four|five|six|several|some|multiple|many|another|other|the)$/i;
const ROLES = new Set(
  (
    "official officials source sources person people spokesperson spokespersons spokesman spokeswoman " +
    "representative representatives diplomat diplomats aide aides staffer staffers officer officers employee employees " +
    "executive executives insider insiders adviser advisers advisor advisors lawmaker lawmakers negotiator negotiators " +
    "minister ministers member members investigator investigators worker workers resident residents witness witnesses " +
    "analyst analysts engineer engineers manager managers administrator"
  ).split(" "),
);
/** Words that may stand between the determiner and the role noun besides capitalised names. */
const MODIFIER = /^(?:[\p{Ll}-]+|[\p{Lu}][\p{L}.'’&-]*|\d+|[-–]|of|and)$/u;

/**
 * The anonymous speaker the tokens [first, last) of an attribution name, or null when they name a
 * person (in the phrase, or in apposition right after it: "a spokesperson for X, Jane Doe,"),
 * or are not such a phrase.
 */
export function anonymousIn(ctx: AttributionContext, first: number, last: number): AnonymousSpeakerRef | null {
  const { tokens } = ctx.segment;
  let a = first;
  while (a < last && /^[,;:—–-]$/.test(tokens[a]!.text)) a++;
  let b = last;
  while (b > a && /^[,;:—–-]$/.test(tokens[b - 1]!.text)) b--;
  if (b <= a) return null;
  // "Officials said", "U.S. officials said", "Western diplomats say": a plural role noun needs no determiner.
  const bare = !DETERMINERS.test(tokens[a]!.text);
  if (!bare && b - a < 2) return null;
  // The role noun: the first one within six words of the determiner, with only modifiers before it.
  // Capitalised too ("a Senior Defense Official"): headline case does not make a description a name.
  let head = -1;
  for (let k = bare ? a : a + 1; k < Math.min(b, a + 7); k++) {
    const w = tokens[k]!.text;
    const lower = w.toLowerCase();
    // "Senior Defense Official said": a singular role without a determiner only in a capitalised description of two words or more.
    const capitalDescription = bare && k > a && tokens.slice(a, k + 1).every((t) => t.cap);
    // "Detectives said", "Prosecutors argued": a bare plural of any role noun is a group of unnamed people.
    const role = ROLES.has(lower) || (bare && k === b - 1 && /[^s]s$/.test(lower) && isRoleNoun(lower));
    if (role && (!tokens[k]!.cap || !ctx.people.at(ctx.segment, k)) && (!bare || /s$/.test(lower) || lower === "people" || capitalDescription)) {
      head = k;
      break;
    }
    if (!MODIFIER.test(w)) return null;
  }
  if (head < 0) return null;
  // A bare plural is the whole subject ("Officials said"), not the start of a longer phrase.
  if (bare && head !== b - 1) return null;
  for (let k = a; k < b; k++) if (ctx.people.at(ctx.segment, k)) return null;
  if (tokens[last]?.text === "," && ctx.people.at(ctx.segment, last + 1)) return null;
  const determiner = bare ? "" : tokens[a]!.text.toLowerCase();
  if (determiner === "the") {
    // "the judge said", "the spokesman said": the person named before with that title, not a source.
    const role = tokens[head]!.text.toLowerCase().replace(/s$/, "");
    const before = tokens[a]!.start;
    const titled = ctx.people.all.some(
      (p) =>
        p.titles.some((t) => t.title.toLowerCase().split(/\s+/).some((w) => w.replace(/s$/, "") === role)) &&
        p.mentions.some((m) => m.segment === ctx.segment && tokens[m.first]!.start < before),
    );
    if (titled) return null;
    // "The Prime Minister said" (a title of office in capitals): a particular person, the one the text has named, not a source.
    if (tokens[head]!.cap && ctx.people.all.some((p) => p.mentions.some((m) => m.segment === ctx.segment && tokens[m.first]!.start < before))) return null;
  }
  let organization: string | null = null;
  for (let k = a; k < b && !organization; k++) organization = ctx.orgs.at(ctx.segment, k)?.name ?? null;
  // "a Senior Defense Official": a U.S. department's word in the description names the department.
  for (let k = a; k < head && !organization; k++) {
    const department = tokens[k]!.cap ? US_DEPARTMENTS[tokens[k]!.text.toLowerCase()] : undefined;
    if (department) organization = `Department of ${department}`;
  }
  const description = ctx.segment.text.slice(tokens[a]!.start, tokens[b - 1]!.end).replace(/\s+/g, " ");
  return { kind: "unnamed", anonymous: { description, organization } };
}

/** The anonymous source an attribution's speaker describes, if it is one. */
export function anonymousOf(speaker: Speaker | null | undefined): AnonymousSpeaker | null {
  if (!speaker || speaker.kind !== "unnamed") return null;
  return (speaker as Partial<AnonymousSpeakerRef>).anonymous ?? null;
}
