import { EventKind } from "../../event/event.entity";

/** A word or phrase that names an event of some kind, and how strongly it outranks others in one clause. */
export interface EventTrigger {
  kind: EventKind;
  re: RegExp;
  /** Higher wins when one clause holds several triggers: "meet … for talks" is talks. */
  rank: number;
  /** The verb to use in a title, in the third person singular. */
  verb?: string;
  /** The title quotes the matched words ("cuts its full-year forecast") rather than the verb alone. */
  verbatim?: boolean;
  /** A cheap test a text must pass before `re` runs on it: the lookbehinds are costly to try at every position. */
  hint?: RegExp;
}

export const DOCUMENT_NOUN = "notice|rules|regulations|decree|report|document|strategy|study|data|figures|statistics|plan|guidance|white paper|paper|survey|findings|book|budget|proposal|list|index|results|assessment|map|footage|video|memo|letter|guidelines|forecast|review|analysis|dossier|transcript|roadmap|framework";

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
  // A named one: "the Alzheimer's Association International Conference" (not "the National Assembly", a body).
  { kind: EventKind.CONFERENCE, re: /(?<=\p{Lu}[\p{L}’'.-]*\s+)(?:Conference|Symposium)\b/gu, hint: /Conference|Symposium/, rank: 8, verb: "holds a conference" },
  { kind: EventKind.ELECTION, re: /\b(?:elections?|referend(?:um|ums|a)|by-elections?|primar(?:y|ies)|runoffs?|polls open|elect(?:s|ed)?|voters? (?:go|went|will go) to the polls)\b/gi, rank: 8, verb: "holds an election" },
  { kind: EventKind.BRIEFING, re: /\b(?:brief(?:s|ed|ing|ings)?|testif(?:y|ies|ied)|hearings?|t(?:ell|ells|old|elling) (?:reporters|journalists|parliament|lawmakers|legislators|senators|congress|MPs|peers|the (?:Commons|House of Commons|Lords)|the (?:committee|senate|house|parliament|assembly|council)|a (?:news|press) conference))\b/gi, rank: 7, verb: "briefs" },
  { kind: EventKind.PUBLICATION, re: new RegExp(`\\b(?:releas(?:e|es|ed|ing)|publish(?:es|ed|ing)?|issu(?:e|es|ed|ing)|unveil(?:s|ed|ing)?)\\b(?=(?:\\s+[\\w’'-]+){0,6}?\\s+(?:${DOCUMENT_NOUN})s?\\b)|(?<=\\b(?:${DOCUMENT_NOUN})s?,?\\s+(?:[\\w’'-]+\\s+){0,2})(?:releas|publish|issu|unveil)ed\\b`, "gi"), hint: /releas|publish|issu|unveil/i, rank: 7, verb: "releases" },
  { kind: EventKind.REVIEW, re: /\b(?:(?:policy|strategic|security|budget|defen[cs]e) review|review(?:s|ed|ing)? (?:of|its|their|the)|audits?|inquiry|inspections?|surveys?|investigations?|probes?)\b|\breview\b(?= (?:is|was|will|has|of)\b)/gi, rank: 6, verb: "reviews" },
  { kind: EventKind.PROTEST, re: /\b(?:protest(?:s|ed|ing|ers)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|sit-ins?|march(?:es|ed|ing)?|walkouts?)\b/g, rank: 6, verb: "protest" },
  { kind: EventKind.MEETING, re: /\b(?:meet|meets|met|meeting|meetings|two-plus-two|sit down with|sat down with|hosted)\b/gi, rank: 5, verb: "meets with" },
  // A body's decision is taken at a sitting: "the council voted 7-2", "ministers failed to agree".
  { kind: EventKind.MEETING, re: /\b(?:(?<!\b(?:the|a|two|three|of|his|her|their|its|no)\s)vot(?:e|es|ed|ing) (?:\d+-\d+|to|on|for|against|unanimously)|approv(?:e|es|ed)|(?:fail(?:s|ed)? to |did not |could not )?agree(?:s|d)? (?:on|to)|reach(?:es|ed)? (?:an? )?(?:agreement|deal|accord)|sign(?:s|ed)? (?:an?|the) (?:agreement|deal|treaty|accord))\b/gi, rank: 5, verb: "meets" },
  { kind: EventKind.VISIT, re: /\b(?:visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|trip|trips|state visit|stop in)\b/gi, rank: 4, verb: "visits" },
  { kind: EventKind.ANNOUNCEMENT, re: /\b(?:announc(?:e|es|ed|ing|ement)|unveil(?:s|ed|ing)?|declar(?:e|es|ed)|launch(?:es|ed)?|(?:ask|urg)(?:s|ed)? (?:residents|people|citizens|customers|the public|everyone|\p{Lu}\p{Ll}+s) to|(?:impos|expand|tighten|lift|eas)(?:e|es|ed|s)? (?:new |its |the )?(?:restrictions|curbs|sanctions|tariffs|controls|limits|ban)|ban(?:s|ned)|order(?:s|ed) (?:an? |the )?(?:evacuation|closure|lockdown))\b/giu, rank: 3, verb: "announces" },
  // "raise fares by 25 cents starting in September": a change that takes effect later (its own clause, see events.ts).
  { kind: EventKind.OTHER, re: /^(?:starting|beginning|effective)(?= (?:in|on|from) (?:January|February|March|April|May|June|July|August|September|October|November|December|next)\b)/gi, rank: 1, verb: "takes effect" },
  { kind: EventKind.OTHER, re: /\b(?:tak(?:e|es|ing) effect|took effect|comes? into (?:force|effect)|came into (?:force|effect)|go(?:es)? into effect|went into effect|clos(?:e|es|ed|ing|ure) (?:the|a|its|for|all|several|some|dozens of|hundreds of|\d+|one|two|three|four|five|six|seven|eight|nine|ten)|shut(?:s|ting)? down|reopen(?:s|ed|ing)?|blackouts?|power outages?|earthquakes?|hurricanes?|wildfires?|explosions?|landslides?|floods?|flooding|droughts?|cyclones?|typhoons?|tornado(?:es)?)\b/gi, rank: 1, verb: "happens" },
  // A fire as an incident ("a fire tore through", "the blaze"), not a fire department, "under fire" or "open fire".
  { kind: EventKind.OTHER, re: /(?<=\b(?:a|the|huge|massive|large|major|deadly|fatal|house|building|warehouse|apartment|factory|(?:two|three|four|five)-alarm)\s+)fire\b(?!\s+(?:department|station|chief|officials?|crews?|service|marshal|truck|engine|alarm|code|safety|hydrant|escape|exit|sale|season|risk|danger|ban)\b|-)|\b(?<!\bstate\s)blazes?\b/gi, hint: /fire|blaze/i, rank: 1, verb: "happens" },
  // Courts: a trial, evidence given, a ruling, a sentence (not a "clinical trial", not "ruled out").
  { kind: EventKind.OTHER, re: /\b(?:(?<!\b(?:clinical|drug|vaccine|randomi[sz]ed|controlled|pilot|field|human|free|time|phase\s+\w+)\s+)trial\b(?!s|-)|(?:giv(?:e|es|ing)|gave|given) evidence|t(?:ell|ells|old|elling) (?:the )?(?:court|jury|jurors|tribunal|inquest)|rul(?:e|es|ed|ing) on (?:a|an|the|whether|his|her|their|its)|(?:was|were|is|be|been) (?:sentenced|convicted|acquitted|found guilty|found not guilty)|sentencing|verdict|plead(?:s|ed)? (?:not )?guilty|pled (?:not )?guilty)\b/gi, rank: 6, verb: "appears in court" },
  // Company results and guidance: "cut its full-year forecast", "reported results", "third-quarter revenue fell".
  { kind: EventKind.ANNOUNCEMENT, re: /\b(?:(?:cut|cuts|lower(?:s|ed)?|rais(?:e|es|ed)|lift(?:s|ed)?|slash(?:es|ed)?|trimm?(?:s|ed)?|withdr(?:ew|aws)|reaffirm(?:s|ed)?|reiterat(?:e|es|ed)|boost(?:s|ed)?) (?:its|their|the) (?:[\w-]+ ){0,2}(?:forecasts?|guidance|outlook)|report(?:s|ed)? (?:(?:its|their|[\w-]+) ){0,2}(?:results|earnings))\b/gi, rank: 5, verb: "announces", verbatim: true },
  { kind: EventKind.OTHER, re: /\b(?:revenues?|sales|profits?|earnings|net income|net loss|operating (?:profit|loss|income))\b(?=[^.;]{0,40}\bquarter\b)|(?<=\bquarter\s+(?:[\w-]+\s+){0,1})(?:revenues?|sales|profits?|earnings|net income|net loss)\b/gi, hint: /quarter/i, rank: 2, verb: "reports results" },
  // A dated statement from a named source ("according to a statement from the Red Cross on Wednesday"), not "said in a statement".
  { kind: EventKind.ANNOUNCEMENT, re: /\b(?:(?:issu|releas)(?:e|es|ed) a statement|a statement (?:from|by|issued|released))\b/gi, rank: 3, verb: "issues a statement" },
  // Corporate meetings.
  { kind: EventKind.MEETING, re: /\b(?:investor day|analyst day|capital markets day|earnings call)\b/gi, rank: 5, verb: "holds a meeting" },
  { kind: EventKind.TRAVEL, re: /\b(?:depart(?:s|ed|ing)?|fl(?:y|ies|ew|ying) (?:to|into)|travel(?:s|ed|led|ing|ling)? to|arriv(?:e|es|ed|ing)|head(?:s|ed|ing)? (?:to|for)|leav(?:e|es|ing) for|left for)\b/gi, rank: 2, verb: "travels to" },
];

/** Words before a trigger that make it something that did not or may not happen. */
export const HYPOTHETICAL = /\b(?:could|might|may|would|should|if|whether|unless|fear of|afraid of|yet to|not yet|has not|have not|hasn’t|haven’t|did not|didn’t|does not|doesn’t|never|no plans? to|refus(?:e|es|ed) to|declin(?:e|es|ed) to|rul(?:e|es|ed) out|without|instead of|rather than|call(?:s|ed)? for|urg(?:e|es|ed)|demand(?:s|ed|ing)?|hopes? to|want(?:s|ed)? to)\b[^.;]{0,40}$/i;

/** A disaster still unfolding: "floods have displaced", "the wildfire has burned". */
export const DISASTER = /\b(?:earthquakes?|hurricanes?|wildfires?|landslides?|floods?|flooding|droughts?|cyclones?|typhoons?|tornado(?:es)?)\b/i;
export const PRESENT_PERFECT = /\b(?:has|have)\s+(?:now\s+|already\s+)?(?:been\s+)?\w+(?:ed|en|wn|lt|ft|ept)\b/i;

export const ONGOING = /\b(?:currently|underway|under way|ongoing|continu(?:e|es|ing)|in progress|is being|are being)\b/i;
export const CANCELLED = /\b(?:cancel(?:s|ed|led|ling)?|called off|call off|postpon(?:e|es|ed)|scrapp(?:ed)|suspended)\b/i;

/** Words that refer back to people already named: a clause with them and no names takes the previous event's participants. */
export const BACK_REFERENCE = /\b(?:they|their|them|he|his|she|her|the two|both|the pair|the (?:officials|secretaries|ministers|leaders|delegation|delegates|envoys)|top [\w\s]{0,30}officials)\b/i;
