import type { FacetNode } from "./facet";

/** The node types facets count by, and the loaders the executor reads them with. */
export const FACET_NODES = {
  topic: { typeName: "Topic", loader: "topicById" },
  expert: { typeName: "Expert", loader: "expertById" },
  organization: { typeName: "Organization", loader: "organizationById" },
  place: { typeName: "Place", loader: "placeById" },
} as const satisfies Record<string, FacetNode>;
