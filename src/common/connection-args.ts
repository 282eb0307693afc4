import { ArgsType, Field, Int } from "type-graphql";
import type { PageArgs } from "./pagination";

@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, { nullable: true, description: "Page size from the start (default 20, at most 100)." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor: return nodes after it." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: "Page size from the end (at most 100)." })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor: return nodes before it." })
  before?: string | null;
}
