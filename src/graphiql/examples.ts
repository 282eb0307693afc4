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
