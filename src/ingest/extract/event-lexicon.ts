import { EventKind } from "../../event/event.entity";

/** A word or phrase that names an event of some kind, and how strongly it outranks others in one clause. */
export interface EventTrigger {
  kind: EventKind;
  re: RegExp;
  /** Higher wins when one clause holds several triggers: "meet … for talks" is talks. */
  rank: number;
  /** The verb to use in a title, in the third person singular. */
  verb?: string;
}

const DOCUMENT_NOUN = "notice|rules|regulations|decree|report|document|strategy|study|data|figures|statistics|plan|guidance|white paper|paper|survey|findings|book|budget|proposal|list|index|results|assessment|map|footage|video|memo|letter|guidelines|forecast|review|analysis|dossier|transcript|roadmap|framework";

/**
 * Event words, case-sensitive where a capital would change the meaning ("march" the verb,
 * "March" the month). Order does not matter; `rank` settles clauses with several.
 */
export const EVENT_TRIGGERS: EventTrigger[] = [
  // Not "speaks to" / "told reporters": those are how a quote was given, not an event.
  { kind: EventKind.SUMMIT, re: /\bsummit(?:s|ry)?\b/gi, rank: 10, verb: "holds a summit" },
  { kind: EventKind.TALKS, re: /\b(?:talks|negotiations|negotiat(?:e|es|ed|ing)|peace process|(?:bargaining|negotiating) table)\b/gi, rank: 9, verb: "holds talks" },
  { kind: EventKind.BRIEFING, re: /\b(?:press|news) (?:conference|briefing)s?\b/gi, rank: 9, verb: "holds a news conference" },
  { kind: EventKind.CONFERENCE, re: /\b(?:conference|forum|symposium|congress|convention|assembly)\b/g, rank: 8, verb: "holds a conference" },
  { kind: EventKind.ELECTION, re: /\b(?:elections?|referend(?:um|ums|a)|by-elections?|primar(?:y|ies)|runoffs?|polls open|elect(?:s|ed)?|voters? (?:go|went|will go) to the polls)\b/gi, rank: 8, verb: "holds an election" },
  { kind: EventKind.BRIEFING, re: /\b(?:brief(?:s|ed|ing|ings)?|testif(?:y|ies|ied)|hearings?|t(?:ell|ells|old) (?:reporters|journalists|parliament|lawmakers|legislators|senators|congress|the (?:committee|senate|house|parliament|assembly|council)|a (?:news|press) conference))\b/gi, rank: 7, verb: "briefs" },
  { kind: EventKind.PUBLICATION, re: new RegExp(`\\b(?:releas(?:e|es|ed|ing)|publish(?:es|ed|ing)?|issu(?:e|es|ed|ing)|unveil(?:s|ed|ing)?)\\b(?=(?:\\s+[\\w’'-]+){0,6}?\\s+(?:${DOCUMENT_NOUN})s?\\b)|(?<=\\b(?:${DOCUMENT_NOUN})s?,?\\s+(?:[\\w’'-]+\\s+){0,2})(?:releas|publish|issu|unveil)ed\\b`, "gi"), rank: 7, verb: "releases" },
  { kind: EventKind.REVIEW, re: /\b(?:(?:policy|strategic|security|budget|defen[cs]e) review|review(?:s|ed|ing)? (?:of|its|their|the)|audits?|inquiry|inspections?|surveys?|investigations?|probes?)\b|\breview\b(?= (?:is|was|will|has|of)\b)/gi, rank: 6, verb: "reviews" },
  { kind: EventKind.PROTEST, re: /\b(?:protest(?:s|ed|ing|ers)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|sit-ins?|march(?:es|ed|ing)?|walkouts?)\b/g, rank: 6, verb: "protest" },
  { kind: EventKind.MEETING, re: /\b(?:meet|meets|met|meeting|meetings|two-plus-two|sit down with|sat down with|hosted)\b/gi, rank: 5, verb: "meets with" },
  // A body's decision is taken at a sitting: "the council voted 7-2", "ministers failed to agree".
  { kind: EventKind.MEETING, re: /\b(?:(?<!\b(?:the|a|two|three|of|his|her|their|its|no)\s)vot(?:e|es|ed|ing) (?:\d+-\d+|to|on|for|against|unanimously)|approv(?:e|es|ed)|(?:fail(?:s|ed)? to |did not |could not )?agree(?:s|d)? (?:on|to)|reach(?:es|ed)? (?:an? )?(?:agreement|deal|accord)|sign(?:s|ed)? (?:an?|the) (?:agreement|deal|treaty|accord))\b/gi, rank: 5, verb: "meets" },
  { kind: EventKind.VISIT, re: /\b(?:visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|trip|trips|state visit|stop in)\b/gi, rank: 4, verb: "visits" },
  { kind: EventKind.ANNOUNCEMENT, re: /\b(?:announc(?:e|es|ed|ing|ement)|unveil(?:s|ed|ing)?|declar(?:e|es|ed)|launch(?:es|ed)?|(?:ask|urg)(?:s|ed)? (?:residents|people|citizens|customers|the public|everyone|\p{Lu}\p{Ll}+s) to|(?:impos|expand|tighten|lift|eas)(?:e|es|ed|s)? (?:new |its |the )?(?:restrictions|curbs|sanctions|tariffs|controls|limits|ban)|ban(?:s|ned)|order(?:s|ed) (?:an? |the )?(?:evacuation|closure|lockdown))\b/giu, rank: 3, verb: "announces" },
  { kind: EventKind.OTHER, re: /\b(?:tak(?:e|es|ing) effect|took effect|comes? into (?:force|effect)|came into (?:force|effect)|go(?:es)? into effect|went into effect|clos(?:e|es|ed|ing|ure) (?:the|a|its|for)|shut(?:s|ting)? down|reopen(?:s|ed|ing)?|blackouts?|power outages?|earthquakes?|hurricanes?|wildfires?|explosions?|landslides?)\b/gi, rank: 1, verb: "happens" },
  { kind: EventKind.TRAVEL, re: /\b(?:depart(?:s|ed|ing)?|fl(?:y|ies|ew|ying) (?:to|into)|travel(?:s|ed|led|ing|ling)? to|arriv(?:e|es|ed|ing)|head(?:s|ed|ing)? (?:to|for)|leav(?:e|es|ing) for|left for)\b/gi, rank: 2, verb: "travels to" },
];

/** Words before a trigger that make it something that did not or may not happen. */
export const HYPOTHETICAL = /\b(?:could|might|may|would|should|if|whether|unless|fear of|afraid of|yet to|not yet|has not|have not|hasn’t|haven’t|did not|didn’t|does not|doesn’t|never|no plans? to|refus(?:e|es|ed) to|declin(?:e|es|ed) to|rul(?:e|es|ed) out|without|instead of|rather than|call(?:s|ed)? for|urg(?:e|es|ed)|demand(?:s|ed|ing)?|hopes? to|want(?:s|ed)? to)\b[^.;]{0,40}$/i;

export const ONGOING = /\b(?:currently|underway|under way|ongoing|continu(?:e|es|ing)|in progress|is being|are being)\b/i;
export const CANCELLED = /\b(?:cancel(?:s|ed|led|ling)?|called off|call off|postpon(?:e|es|ed)|scrapp(?:ed)|suspended)\b/i;

/** Words that refer back to people already named: a clause with them and no names takes the previous event's participants. */
export const BACK_REFERENCE = /\b(?:they|their|them|he|his|she|her|the two|both|the pair|the (?:officials|secretaries|ministers|leaders|delegation|delegates|envoys)|top [\w\s]{0,30}officials)\b/i;
