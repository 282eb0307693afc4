import type { GraphiqlTab } from "./graphiql";

/** The tabs GraphiQL opens with: ready queries over the demo data. */
export const EXAMPLE_TABS: GraphiqlTab[] = [
  {
    name: "Front page",
    query: `# Welcome to newsgraph. Run with ▶ or Ctrl-Enter.
# Latest articles with who said what, and how.
query FrontPage {
  articles(first: 5) {
    totalCount
    edges {
      node {
        headline
        publishedAt
        publisher { name }
        quotes {
          text
          channel
          speaker {
            name
            ... on Expert { title organization { name } }
          }
        }
        events { title startsOn places { name } }
      }
    }
  }
}
`,
  },
  {
    name: "Find an expert",
    query: `# Name search tolerates typos: try "Easly" or "Xi Jingping".
query FindExpert($search: String!) {
  experts(filter: { search: $search }, first: 5) {
    edges {
      node {
        name
        title
        organization { name }
        quotes(first: 3) { edges { node { text channel article { headline } } } }
      }
    }
  }
}
`,
    variables: JSON.stringify({ search: "Easly" }, null, 2),
  },
  {
    name: "Search everything",
    query: `# One search over articles, quotes, experts, organizations and events, ranked together.
# Web-search syntax: "exact phrase", -exclude, or. Names tolerate typos ("Xi Jingping").
# Highlights mark the matched words by offsets: snippet.slice(start, end).
query SearchEverything($q: String!) {
  search(query: $q, first: 10) {
    totalCount
    edges {
      score
      node {
        __typename
        ... on Article { headline publishedAt }
        ... on Quote { text speaker { name } article { headline } }
        ... on Expert { name organization { name } }
        ... on Organization { name }
        ... on Event { title startsOn }
      }
      highlights { field snippet matches { start end } }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
    variables: JSON.stringify({ q: "north korea" }, null, 2),
  },
  {
    name: "Search with facets",
    query: `# A reporter's first look: the best results with why they matched, and counts over all results,
# not only the page: by type, and by topic, person, publisher and month over the articles and quotes
# found (equal counts come in id order).
query SearchWithFacets {
  search(query: "North Korea", first: 5) {
    totalCount
    edges {
      node {
        __typename
        ... on Article { headline }
        ... on Quote { text speaker { name } }
        ... on Event { title startsOn }
      }
      highlights { field snippet matches { start end } }
    }
    facets {
      types { type count }
      topics(first: 5) { count node { name } }
      experts(first: 1) { count node { name } }
      publishers { count node { name } }
      byMonth(first: 3) { start count }
    }
  }
}
`,
  },
  {
    name: "Events in a date range",
    query: `query EventsInMarch {
  events(filter: { from: "2021-03-01", to: "2021-03-31" }) {
    edges {
      node {
        title
        kind
        startsOn
        endsOn
        datePrecision
        status
        places { name }
        participants { __typename name }
      }
    }
  }
}
`,
  },
  {
    name: "Facets",
    query: `# Counts over everything the filter matches, not only the page: select only the facets you need.
query Facets {
  articles(filter: { topic: "north-korea" }, first: 3) {
    totalCount
    nodes { headline }
    facets {
      experts(first: 5) { count node { name title } }
      organizations(first: 5) { count node { name } }
      publishers { count node { name } }
      byMonth { start count }
    }
  }
  quotes(filter: { saidAfter: "2021-01-01" }) {
    totalCount
    facets { experts(first: 3) { count node { name } } byDay { start count } }
  }
}
`,
  },
  {
    name: "Write an article",
    query: `# Writing needs an API key with the editor role:
#   npx newsgraph keys create --role editor --name "my desk"
# Paste it into the Headers tab below, then run. Running it again changes
# nothing (status UNCHANGED): upsertArticle is keyed by the canonical url.
mutation WriteArticle($input: ArticleInput!) {
  upsertArticle(input: $input) {
    status
    article {
      id
      slug
      version
      createdBy
      quotes {
        text
        channel
        speaker { name ... on Expert { title organization { name } } }
      }
      events { title startsOn places { name } participants { name } }
    }
  }
}
`,
    variables: JSON.stringify(
      {
        input: {
          url: "https://example.com/news/alliance-talks",
          headline: "Allies Meet in Seoul",
          publishedAt: "2021-03-18T09:00:00Z",
          publisher: { name: "VOA" },
          body: "“We will stand together,” Patricia Kim, a senior policy analyst at the U.S. Institute of Peace, told reporters.",
          topics: [{ name: "Diplomacy" }],
          quotes: [
            {
              text: "We will stand together,",
              channel: "told reporters",
              speaker: { name: "Patricia Kim", title: "senior policy analyst", organization: "U.S. Institute of Peace" },
            },
          ],
          events: [{ title: "Allied talks in Seoul", kind: "TALKS", startsOn: "2021-03-18", places: [{ name: "Seoul" }], participants: [{ name: "Patricia Kim" }] }],
        },
      },
      null,
      2,
    ),
    headers: JSON.stringify({ Authorization: "Bearer <paste an editor key here>" }, null, 2),
  },
  {
    name: "Ingest raw text",
    query: `# Ingest: raw text in, structure out. The quotes, their speakers (with titles and
# affiliations), the channel ("told reporters"), people, places and events with real dates
# are extracted; the article is upserted by url, so running it again is UNCHANGED.
# A source the text only describes ("a senior ministry official said") is an AnonymousSource.
# Needs an editor key in Headers, as the write tab does.
mutation IngestArticle($input: IngestArticleInput!) {
  ingestArticle(input: $input) {
    status
    omitted { kind text reason }
    article {
      headline
      quotes {
        text channel confidence
        speaker { name ... on Expert { title organization { name } } ... on AnonymousSource { affiliation { name } } }
      }
      experts { name title }
      places { name }
      events { title kind startsOn endsOn places { name } participants { name } }
    }
  }
}
`,
    variables: JSON.stringify(
      {
        input: {
          url: "https://example.com/news/harbor-talks",
          publishedAt: "2024-06-09T09:00:00Z",
          publisher: "Example Gazette",
          text: [
            "Harbor talks resume in Lisbon",
            "Negotiators from the port authority and the dockworkers' union will meet in Lisbon on Tuesday to restart talks on a new contract.",
            "“We are ready to sign a fair deal this week,” Ana Moreira, the union's chief negotiator, told reporters on Friday.",
            "“But not at any price,” Moreira added.",
          ].join("\n\n"),
        },
      },
      null,
      2,
    ),
    headers: JSON.stringify({ Authorization: "Bearer <paste an editor key here>" }, null, 2),
  },
  {
    name: "Live: quotes as they are added",
    query: `# Live: quotes as they are added. Run it and leave it running: each quote written from now
# on (on any server instance) appears below. Only one speaker's: quoteAdded(speaker: "lloyd-austin").
# With NEWSGRAPH_READS_REQUIRE_KEY, put {"Authorization": "Bearer <key>"} in Headers.
subscription LiveQuotes {
  quoteAdded {
    text
    channel
    speaker { name }
    article { headline }
  }
}
`,
  },
];
