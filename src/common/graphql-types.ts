import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, Int, InterfaceType, ObjectType, registerEnumType, type ClassType } from "type-graphql";
import type { NodeType } from "./global-id";
import { SEARCH_EXACT_COUNT_UP_TO } from "./search";

/** Every row the read path hands to GraphQL carries its type name and global id. */
export interface NodeRow {
  __typename: NodeType;
  /** Global id. */
  id: string;
  /** Database key. */
  dbId: string;
}

/** What every written row records: when, by whom, and its version for optimistic concurrency. */
export interface TrackedRow {
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Name of the API key that created the row; null for local writes (demo seed, CLI). */
  createdBy: string | null;
  updatedBy: string | null;
}

/** The SQL for {@link TrackedRow}'s columns of a table under `alias`. */
export function trackedColumns(alias: string): string {
  return (
    `${alias}.created_at AS "createdAt", ${alias}.updated_at AS "updatedAt", ${alias}.version, ` +
    `(SELECT k.name FROM api_key k WHERE k.id = ${alias}.created_by) AS "createdBy", ` +
    `(SELECT k.name FROM api_key k WHERE k.id = ${alias}.updated_by) AS "updatedBy"`
  );
}

/** Adds the {@link TrackedRow} fields to an object type (a mixin: the types already extend Node or Speaker). */
export function trackedFields(target: ClassType): void {
  const proto = target.prototype as object;
  Field(() => DateTimeResolver)(proto, "createdAt");
  Field(() => DateTimeResolver)(proto, "updatedAt");
  Field(() => Int, { description: "Starts at 1 and grows with every change; pass it as `expectedVersion` to update." })(proto, "version");
  Field(() => String, { nullable: true, description: "Name of the API key that created it; null when written locally (demo data, CLI)." })(proto, "createdBy");
  Field(() => String, { nullable: true, description: "Name of the API key that last changed it; null when written locally." })(proto, "updatedBy");
}

/** An object with a global id; `node(id:)` fetches any of them. */
@InterfaceType("Node", {
  description: "An object with an opaque global id; fetch any of them with `node(id:)`.",
  resolveType: (value: NodeRow) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: "Opaque global id." })
  id!: string;
}

/** A person or an organization that speaks in a quote or takes part in an event. */
@InterfaceType("Speaker", {
  description:
    "Who said something or took part in something: an Expert (a person) or an Organization; for a quote, also an AnonymousSource " +
    "(someone the article only describes). Event participants are never anonymous.",
  resolveType: (value: NodeRow) => value.__typename,
  implements: Node,
})
export abstract class Speaker extends Node {
  @Field()
  name!: string;
}

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, { name: "OrderDirection" });

@ObjectType({ description: "Relay page information.", simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The edge and connection types of one node type, named `<Name>Edge` and `<Name>Connection`. */
export function connectionTypes<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field({ description: "Opaque cursor; pass it as `after` or `before`." })
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: "The nodes of `edges`, for clients that need no cursors." })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "How many nodes match, across all pages; an estimate when `totalCountIsEstimate` is true." })
    totalCount!: number;

    @Field(() => Boolean, {
      description:
        `True when \`totalCount\` is the database's estimate: a full-text search is counted exactly up to ${SEARCH_EXACT_COUNT_UP_TO.toLocaleString("en-US")} matches ` +
        `and estimated above that (never below ${(SEARCH_EXACT_COUNT_UP_TO + 1).toLocaleString("en-US")}). False everywhere else.`,
    })
    totalCountIsEstimate!: boolean;
  }

  return { EdgeType, ConnectionType };
}
