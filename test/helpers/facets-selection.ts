/** What a random-selection generator lends the facets generator (its own rng, aliases, variables). */
export interface FacetsGenerator {
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  some<T>(xs: readonly T[]): T[];
  /** A selection of some of these fields, with aliases and directives as the generator makes them. */
  fields(names: string[]): string;
  alias(field: string): string;
  /** An Int argument value: a literal or a variable. */
  int(value: number): string;
  /** A selection on each node type a facet names. */
  node: Record<"Topic" | "Expert" | "Organization" | "Place", () => string>;
}

const FACETS = {
  topics: "Topic",
  experts: "Expert",
  organizations: "Organization",
  places: "Place",
  publishers: "Organization",
  sections: "key",
  languages: "key",
  byDay: "start",
  byWeek: "start",
  byMonth: "start",
} as const;

/** A random `facets { ... }` selection: some facets, some with `first`, each bucket with some of count, node / key / start, __typename. */
export function randomFacets(g: FacetsGenerator): string {
  const parts = g.some(Object.keys(FACETS) as (keyof typeof FACETS)[]).map((name) => {
    const of = FACETS[name];
    const args = g.chance(0.5) ? `(first: ${g.int(g.pick([0, 1, 3, 100]))})` : "";
    const bucket: string[] = [];
    if (g.chance(0.7)) bucket.push(g.fields(["count", "__typename"]));
    if (of === "key" || of === "start") bucket.push(g.chance(0.8) ? of : "count");
    else if (g.chance(0.8)) bucket.push(`${g.alias("node")} { ${g.node[of]()} }`);
    if (!bucket.length) bucket.push("count");
    return `${g.alias(name)}${args} { ${bucket.join(" ")} }`;
  });
  if (g.chance(0.1)) parts.push("__typename");
  return `facets { ${parts.join(" ")} }`;
}
