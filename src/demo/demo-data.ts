import { ExpertKind } from "../expert/expert.entity";
import { DatePrecision, EventKind, EventStatus } from "../event/event.entity";
import { OrganizationKind } from "../organization/organization.entity";
import { PlaceKind } from "../place/place.entity";

/**
 * The demo data: one reference article (VOA, "Top US Officials in Asia on First Overseas Visit",
 * 14 March 2021) entered by hand as structured data, with the people, organizations, places,
 * quotes and events it reports. Everything lives in this file: the server never reads anything
 * outside the project to seed a database.
 *
 * References between records are by slug. Quote offsets are not stored here: the seed computes
 * them by locating each quote's text in the body.
 */

/** An organization; `aliases` carry other names the news uses ("Pentagon"). */
export interface DemoOrganization {
  readonly slug: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly kind: OrganizationKind;
  /** ISO 3166-1 alpha-2. */
  readonly country: string | null;
}

export interface DemoPlace {
  readonly slug: string;
  readonly name: string;
  readonly kind: PlaceKind;
  /** State, province or region the place lies in ("Alaska"). */
  readonly region: string | null;
  /** ISO 3166-1 alpha-2. */
  readonly countryCode: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export interface DemoTopic {
  readonly slug: string;
  readonly name: string;
}

/** A person the article names or quotes. */
export interface DemoExpert {
  readonly slug: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly title: string | null;
  readonly kind: ExpertKind;
  /** Slug of a {@link DemoOrganization}. */
  readonly organization: string | null;
  /** ISO 3166-1 alpha-2. */
  readonly country: string | null;
  readonly description: string | null;
}

/** Who said a quote: a person or an organization, by slug. */
export type DemoSpeaker = { readonly expert: string } | { readonly organization: string };

export interface DemoQuote {
  /** The quoted words without their quotation marks, exactly as they appear in the body. */
  readonly text: string;
  readonly speaker: DemoSpeaker;
  readonly channel: string | null;
  /** ISO date, when the article tells. */
  readonly saidOn: string | null;
  readonly isPartial: boolean;
  readonly confidence: number;
}

export interface DemoImage {
  /** 0-based order within the article. */
  readonly position: number;
  readonly caption: string;
  readonly credit: string | null;
  readonly url: string | null;
}

export interface DemoArticle {
  readonly slug: string;
  readonly url: string | null;
  readonly headline: string;
  readonly summary: string | null;
  /** The article text: paragraphs separated by "\n\n"; no headline, captions or page furniture. */
  readonly body: string;
  /** BCP 47 language tag. */
  readonly language: string;
  /** ISO 8601 date-time. */
  readonly publishedAt: string;
  /** Slug of a {@link DemoOrganization}. */
  readonly publisher: string | null;
  readonly bylines: readonly string[];
  readonly sections: readonly string[];
  /** Slugs of {@link DemoTopic}s. */
  readonly topics: readonly string[];
  readonly images: readonly DemoImage[];
  /** In order of appearance in the body. */
  readonly quotes: readonly DemoQuote[];
  /** What the article names, by slug. */
  readonly mentions: {
    readonly experts: readonly string[];
    readonly organizations: readonly string[];
    readonly places: readonly string[];
  };
}

export interface DemoEvent {
  readonly title: string;
  readonly kind: EventKind;
  readonly description: string | null;
  /** ISO dates. */
  readonly startsOn: string | null;
  readonly endsOn: string | null;
  readonly datePrecision: DatePrecision;
  /** As of the article's publication. */
  readonly status: EventStatus;
  /** Slugs of {@link DemoPlace}s. */
  readonly places: readonly string[];
  /** Slugs of the people and organizations taking part. */
  readonly participants: {
    readonly experts: readonly string[];
    readonly organizations: readonly string[];
  };
}

export interface DemoData {
  readonly article: DemoArticle;
  readonly organizations: readonly DemoOrganization[];
  readonly places: readonly DemoPlace[];
  readonly topics: readonly DemoTopic[];
  readonly experts: readonly DemoExpert[];
  /** Events the article reports; each is linked to it. */
  readonly events: readonly DemoEvent[];
}

/**
 * The body, paragraph by paragraph, verbatim from the published text (its curly and straight
 * quotes, "Alaska- the first time", "President’s Xi Jingping" and the paragraph break inside the
 * Austin attribution are the source's own). The section heading "North Korean silence" is kept
 * as a paragraph.
 */
const BODY_PARAGRAPHS: readonly string[] = [
  "Secretary of State Antony Blinken and Pentagon chief Lloyd Austin will meet with allies in Japan and South Korea this week to reaffirm the trans-Pacific partnerships in the face of an increasingly assertive China and silent North Korea.",
  "Washington’s top diplomatic and defense officials will begin their tour of the region Monday with a stop in Tokyo, marking their first overseas travel as representatives of the Biden administration.",
  "Blinken and Austin will hold what’s known as a “two-plus-two,” a meeting between foreign and defense chiefs with their Japanese counterparts, Foreign Minister Toshimitsu Motegi and Minister of Defense Nobuo Kishi, Tuesday before departing for Seoul on Wednesday.",
  "The selection of these two countries for first stops reflects the new U.S. president’s security concerns in Northeast Asia, say some observers.",
  "“The fact that Secretaries Blinken and Austin are making their first overseas trip to Japan and South Korea demonstrates the deep importance the United States places on these two allies,” Patricia Kim, a senior policy analyst at the government-funded U.S. Institute of Peace, wrote in an emailed statement on Friday.",
  "“Seoul and Tokyo are critical partners for collectively addressing the challenges posed by China and advancing peace in the Korean Peninsula,” Kim said.",
  "Relations between the world’s two largest economies are at a low point due in part to a trade war that former president Donald Trump initiated as well as rising military tensions in areas that China regards as its sphere of influence.",
  "Less than two months into his presidency, Joe Biden has signaled that he’s in no hurry to relieve some of the pressure that his predecessor placed on Beijing. His administration has maintained import tariffs, voiced support for Taiwan’s democratic government and condemned President’s Xi Jingping for alleged human rights abuses in Hong Kong and Xinjiang. China's Xinjiang region has been the center of allegations of forced labor and other human rights violations.",
  "Last week, the White House released its national security strategy document that described China as “the only competitor potentially capable of combining its economic, diplomatic, military, and technological power to mount a sustained challenge to a stable and open international system.”",
  "By dispatching his secretaries to the capitals of two of America’s closest partners, the new president hopes to shore up a multilateral counterbalance to China in the region, experts say.",
  "“China is our pacing threat,\" Defense Secretary Austin, a retired U.S. Army general,",
  "told reporters while en-route to Asia, the Pentagon said in a statement. “Our goal is to make sure that we have the capabilities and the operational plans and concepts to be able to offer credible deterrence to China or anybody else who would want to take on the U.S.”",
  "Despite these remarks, Washington is signaling that it is still open to dialogue with Beijing.",
  "Secretary Blinken and White House national security advisor Jake Sullivan are expected to meet later in the week with Wang Yi, China’s foreign minister, and chief diplomat Yang Jiechi in Anchorage, Alaska- the first time since last June that officials from both countries have held bilateral talks.",
  "North Korean silence",
  "Finding common ground on how to coerce the Kim Jong-un regime back to dialogue will be another priority during the secretaries’ visits to Tokyo and Seoul.",
  "President Biden has yet to announce his strategy toward North Korea, but a policy review is currently underway.",
  "But, since February, the Biden administration has attempted to reach out to Pyongyang through several diplomatic channels, but hasn’t received any response, according to an unnamed U.S. official who spoke with the Reuters News Agency.",
  "Leif-Eric Easley, an associate professor of international studies at Ewha Womans University in Seoul, says Pyongyang could be ignoring these overtures for any number of reasons, including prioritizing domestic economic issues or out of fear of holding talks during the COVID-19 pandemic.",
  "“Pyongyang may be waiting to see what incentives are on offer after the Biden policy review,” Easley, wrote in an email response to VOA. “Or North Korea might be planning its next weapons test to improve its capabilities and raise the stakes for negotiations.”",
];

const ORGANIZATIONS: readonly DemoOrganization[] = [
  { slug: "us-institute-of-peace", name: "U.S. Institute of Peace", aliases: ["United States Institute of Peace", "USIP"], kind: OrganizationKind.THINK_TANK, country: "US" },
  { slug: "white-house", name: "White House", aliases: ["The White House"], kind: OrganizationKind.GOVERNMENT, country: "US" },
  // The Pentagon is the Department of Defense's metonym ("the Pentagon said in a statement"):
  // one organization, with "Pentagon" as an alias.
  { slug: "us-department-of-defense", name: "U.S. Department of Defense", aliases: ["Pentagon", "Defense Department", "Department of Defense"], kind: OrganizationKind.GOVERNMENT, country: "US" },
  { slug: "us-department-of-state", name: "U.S. Department of State", aliases: ["State Department", "Department of State"], kind: OrganizationKind.GOVERNMENT, country: "US" },
  { slug: "reuters", name: "Reuters", aliases: ["Reuters News Agency"], kind: OrganizationKind.MEDIA, country: "GB" },
  { slug: "voa", name: "VOA", aliases: ["Voice of America"], kind: OrganizationKind.MEDIA, country: "US" },
  { slug: "ewha-womans-university", name: "Ewha Womans University", aliases: [], kind: OrganizationKind.UNIVERSITY, country: "KR" },
  { slug: "us-army", name: "U.S. Army", aliases: ["United States Army"], kind: OrganizationKind.MILITARY, country: "US" },
];

const PLACES: readonly DemoPlace[] = [
  { slug: "tokyo", name: "Tokyo", kind: PlaceKind.CITY, region: null, countryCode: "JP", latitude: 35.6762, longitude: 139.6503 },
  { slug: "seoul", name: "Seoul", kind: PlaceKind.CITY, region: null, countryCode: "KR", latitude: 37.5665, longitude: 126.978 },
  { slug: "washington-dc", name: "Washington", kind: PlaceKind.CITY, region: "District of Columbia", countryCode: "US", latitude: 38.9072, longitude: -77.0369 },
  { slug: "anchorage-alaska", name: "Anchorage", kind: PlaceKind.CITY, region: "Alaska", countryCode: "US", latitude: 61.2181, longitude: -149.9003 },
  { slug: "arlington-virginia", name: "Arlington", kind: PlaceKind.CITY, region: "Virginia", countryCode: "US", latitude: 38.8816, longitude: -77.091 },
  { slug: "beijing", name: "Beijing", kind: PlaceKind.CITY, region: null, countryCode: "CN", latitude: 39.9042, longitude: 116.4074 },
  { slug: "pyongyang", name: "Pyongyang", kind: PlaceKind.CITY, region: null, countryCode: "KP", latitude: 39.0392, longitude: 125.7625 },
  { slug: "hong-kong", name: "Hong Kong", kind: PlaceKind.REGION, region: null, countryCode: "HK", latitude: 22.3193, longitude: 114.1694 },
  { slug: "xinjiang", name: "Xinjiang", kind: PlaceKind.REGION, region: null, countryCode: "CN", latitude: 41.1129, longitude: 85.2401 },
  { slug: "taiwan", name: "Taiwan", kind: PlaceKind.COUNTRY, region: null, countryCode: "TW", latitude: 23.6978, longitude: 120.9605 },
  { slug: "japan", name: "Japan", kind: PlaceKind.COUNTRY, region: null, countryCode: "JP", latitude: 36.2048, longitude: 138.2529 },
  { slug: "south-korea", name: "South Korea", kind: PlaceKind.COUNTRY, region: null, countryCode: "KR", latitude: 35.9078, longitude: 127.7669 },
  { slug: "china", name: "China", kind: PlaceKind.COUNTRY, region: null, countryCode: "CN", latitude: 35.8617, longitude: 104.1954 },
  { slug: "north-korea", name: "North Korea", kind: PlaceKind.COUNTRY, region: null, countryCode: "KP", latitude: 40.3399, longitude: 127.5101 },
];

const TOPICS: readonly DemoTopic[] = [
  { slug: "us-foreign-policy", name: "U.S. foreign policy" },
  { slug: "diplomacy", name: "Diplomacy" },
  { slug: "defense", name: "Defense" },
  { slug: "china", name: "China" },
  { slug: "north-korea", name: "North Korea" },
];

const EXPERTS: readonly DemoExpert[] = [
  { slug: "antony-blinken", name: "Antony Blinken", aliases: [], title: "Secretary of State", kind: ExpertKind.OFFICIAL, organization: "us-department-of-state", country: "US", description: "U.S. Secretary of State in the Biden administration." },
  { slug: "lloyd-austin", name: "Lloyd Austin", aliases: ["Pentagon chief"], title: "Defense Secretary", kind: ExpertKind.OFFICIAL, organization: "us-department-of-defense", country: "US", description: "a retired U.S. Army general" },
  { slug: "toshimitsu-motegi", name: "Toshimitsu Motegi", aliases: [], title: "Foreign Minister", kind: ExpertKind.OFFICIAL, organization: null, country: "JP", description: "Japan's foreign minister." },
  { slug: "nobuo-kishi", name: "Nobuo Kishi", aliases: [], title: "Minister of Defense", kind: ExpertKind.OFFICIAL, organization: null, country: "JP", description: "Japan's minister of defense." },
  { slug: "patricia-kim", name: "Patricia Kim", aliases: [], title: "senior policy analyst", kind: ExpertKind.ANALYST, organization: "us-institute-of-peace", country: "US", description: "Senior policy analyst at the government-funded U.S. Institute of Peace." },
  { slug: "leif-eric-easley", name: "Leif-Eric Easley", aliases: [], title: "associate professor of international studies", kind: ExpertKind.ACADEMIC, organization: "ewha-womans-university", country: null, description: "Associate professor of international studies at Ewha Womans University in Seoul." },
  { slug: "joe-biden", name: "Joe Biden", aliases: [], title: "President", kind: ExpertKind.POLITICIAN, organization: null, country: "US", description: "President of the United States." },
  { slug: "donald-trump", name: "Donald Trump", aliases: [], title: "former president", kind: ExpertKind.POLITICIAN, organization: null, country: "US", description: "Former U.S. president; initiated a trade war with China." },
  { slug: "xi-jinping", name: "Xi Jinping", aliases: ["Xi Jingping"], title: "President", kind: ExpertKind.POLITICIAN, organization: null, country: "CN", description: "President of China." },
  { slug: "jake-sullivan", name: "Jake Sullivan", aliases: [], title: "national security advisor", kind: ExpertKind.OFFICIAL, organization: "white-house", country: "US", description: "White House national security advisor." },
  { slug: "wang-yi", name: "Wang Yi", aliases: [], title: "foreign minister", kind: ExpertKind.OFFICIAL, organization: null, country: "CN", description: "China's foreign minister." },
  { slug: "yang-jiechi", name: "Yang Jiechi", aliases: [], title: "chief diplomat", kind: ExpertKind.OFFICIAL, organization: null, country: "CN", description: "China's chief diplomat." },
  { slug: "kim-jong-un", name: "Kim Jong-un", aliases: ["Kim Jong Un"], title: "leader", kind: ExpertKind.POLITICIAN, organization: null, country: "KP", description: "Leader of North Korea." },
];

const ARTICLE: DemoArticle = {
  slug: "top-us-officials-in-asia-on-first-overseas-visit",
  url: "https://www.voanews.com/a/east-asia-pacific_top-us-officials-asia-first-overseas-visit/6203221.html",
  headline: "Top US Officials in Asia on First Overseas Visit",
  summary:
    "Secretary of State Antony Blinken and Defense Secretary Lloyd Austin make their first overseas trip to Japan and South Korea, " +
    "reaffirming trans-Pacific partnerships in the face of an increasingly assertive China and a silent North Korea.",
  body: BODY_PARAGRAPHS.join("\n\n"),
  language: "en",
  // The text has no date line; its captions and "will begin their tour ... Monday" place it on Sunday 14 March 2021.
  publishedAt: "2021-03-14T12:00:00Z",
  publisher: "voa",
  bylines: [],
  sections: ["Top US Officials in Asia on First Overseas Visit", "North Korean silence"],
  topics: ["us-foreign-policy", "diplomacy", "defense", "china", "north-korea"],
  images: [
    { position: 0, caption: "U.S. Secretary of State Antony Blinken departs after briefing Senators in Washington, March 11, 2021.", credit: null, url: null },
    { position: 1, caption: "U.S. Defense Secretary Lloyd Austin speaks to Defense Department personnel at the Pentagon in Arlington, Virginia, Feb. 10, 2021.", credit: null, url: null },
  ],
  quotes: [
    {
      text: "The fact that Secretaries Blinken and Austin are making their first overseas trip to Japan and South Korea demonstrates the deep importance the United States places on these two allies",
      speaker: { expert: "patricia-kim" }, channel: "emailed statement", saidOn: "2021-03-12", isPartial: false, confidence: 1,
    },
    {
      text: "Seoul and Tokyo are critical partners for collectively addressing the challenges posed by China and advancing peace in the Korean Peninsula",
      speaker: { expert: "patricia-kim" }, channel: "emailed statement", saidOn: null, isPartial: false, confidence: 1,
    },
    {
      text: "the only competitor potentially capable of combining its economic, diplomatic, military, and technological power to mount a sustained challenge to a stable and open international system.",
      speaker: { organization: "white-house" }, channel: "national security strategy document", saidOn: null, isPartial: true, confidence: 1,
    },
    {
      text: "China is our pacing threat",
      speaker: { expert: "lloyd-austin" }, channel: "told reporters", saidOn: null, isPartial: false, confidence: 1,
    },
    {
      text: "Our goal is to make sure that we have the capabilities and the operational plans and concepts to be able to offer credible deterrence to China or anybody else who would want to take on the U.S.",
      speaker: { expert: "lloyd-austin" }, channel: "told reporters", saidOn: null, isPartial: false, confidence: 1,
    },
    {
      text: "Pyongyang may be waiting to see what incentives are on offer after the Biden policy review",
      speaker: { expert: "leif-eric-easley" }, channel: "email response to VOA", saidOn: null, isPartial: false, confidence: 1,
    },
    {
      text: "Or North Korea might be planning its next weapons test to improve its capabilities and raise the stakes for negotiations.",
      speaker: { expert: "leif-eric-easley" }, channel: "email response to VOA", saidOn: null, isPartial: false, confidence: 1,
    },
  ],
  mentions: {
    experts: EXPERTS.map((e) => e.slug),
    organizations: ORGANIZATIONS.map((o) => o.slug),
    places: PLACES.map((p) => p.slug),
  },
};

const EVENTS: readonly DemoEvent[] = [
  {
    title: "Blinken and Austin's first overseas trip, to Japan and South Korea",
    kind: EventKind.VISIT,
    description: "Their first overseas travel as representatives of the Biden administration: Tokyo from Monday, then Seoul from Wednesday.",
    startsOn: "2021-03-15", endsOn: "2021-03-18", datePrecision: DatePrecision.DAY, status: EventStatus.SCHEDULED,
    places: ["tokyo", "seoul"],
    participants: { experts: ["antony-blinken", "lloyd-austin"], organizations: [] },
  },
  {
    title: "U.S.-Japan two-plus-two meeting of foreign and defense chiefs",
    kind: EventKind.MEETING,
    description: "Blinken and Austin meet their Japanese counterparts, Foreign Minister Toshimitsu Motegi and Minister of Defense Nobuo Kishi.",
    startsOn: "2021-03-16", endsOn: null, datePrecision: DatePrecision.DAY, status: EventStatus.SCHEDULED,
    places: ["tokyo"],
    participants: { experts: ["antony-blinken", "lloyd-austin", "toshimitsu-motegi", "nobuo-kishi"], organizations: [] },
  },
  {
    title: "Blinken and Austin depart Tokyo for Seoul",
    kind: EventKind.TRAVEL,
    description: null,
    startsOn: "2021-03-17", endsOn: null, datePrecision: DatePrecision.DAY, status: EventStatus.SCHEDULED,
    places: ["seoul"],
    participants: { experts: ["antony-blinken", "lloyd-austin"], organizations: [] },
  },
  {
    title: "U.S.-China talks in Anchorage",
    kind: EventKind.TALKS,
    description: "Expected \"later in the week\": the first bilateral talks between officials of both countries since June 2020.",
    startsOn: "2021-03-18", endsOn: null, datePrecision: DatePrecision.WEEK, status: EventStatus.SCHEDULED,
    places: ["anchorage-alaska"],
    participants: { experts: ["antony-blinken", "jake-sullivan", "wang-yi", "yang-jiechi"], organizations: [] },
  },
  {
    title: "Blinken briefs Senators",
    kind: EventKind.BRIEFING,
    description: "From a photo caption.",
    startsOn: "2021-03-11", endsOn: null, datePrecision: DatePrecision.DAY, status: EventStatus.HAPPENED,
    places: ["washington-dc"],
    participants: { experts: ["antony-blinken"], organizations: [] },
  },
  {
    title: "White House releases national security strategy document",
    kind: EventKind.PUBLICATION,
    description: "\"Last week\" as of publication.",
    startsOn: "2021-03-01", endsOn: "2021-03-07", datePrecision: DatePrecision.WEEK, status: EventStatus.HAPPENED,
    places: [],
    participants: { experts: [], organizations: ["white-house"] },
  },
  {
    title: "Biden administration North Korea policy review",
    kind: EventKind.REVIEW,
    description: "President Biden has yet to announce his strategy toward North Korea; a policy review is underway.",
    startsOn: null, endsOn: null, datePrecision: DatePrecision.DAY, status: EventStatus.ONGOING,
    places: [],
    participants: { experts: ["joe-biden"], organizations: [] },
  },
];

/** The demo data set: one article and everything it reports. */
export const DEMO_DATA: DemoData = {
  article: ARTICLE,
  organizations: ORGANIZATIONS,
  places: PLACES,
  topics: TOPICS,
  experts: EXPERTS,
  events: EVENTS,
};
