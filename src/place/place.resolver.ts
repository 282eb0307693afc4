import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, InputType, Query, Resolver, Root } from "type-graphql";
import { CountryCodeResolver } from "graphql-scalars";
import { relatedArticles } from "../article/article.service";
import { selectedNodeFields } from "../common/selection";
import { ArticleConnection } from "../article/article.type";
import { ConnectionArgs } from "../common/connection-args";
import { searchTerm } from "../common/search";
import { type Ordering, pageRequest, paginate } from "../common/pagination";
import { SqlParams } from "../common/sql";
import { findByIdOrSlug } from "../common/refs";
import type { Context } from "../context";
import { relatedEvents } from "../event/event.service";
import { EventConnection } from "../event/event.type";
import { PlaceKind } from "./place.entity";
import { PLACE_COLUMNS, toPlace } from "./place.loaders";
import { Place, PlaceConnection, type PlaceRow } from "./place.type";

@InputType()
export class PlaceFilter {
  @Field(() => String, { nullable: true, description: "Part of the name, any case." })
  search?: string | null;

  @Field(() => PlaceKind, { nullable: true })
  kind?: PlaceKind | null;

  @Field(() => CountryCodeResolver, { nullable: true })
  countryCode?: string | null;
}

@ArgsType()
export class PlacesArgs extends ConnectionArgs {
  @Field(() => PlaceFilter, { nullable: true })
  filter?: PlaceFilter | null;
}

const BY_NAME: Ordering = { name: "place:name", direction: "ASC", keys: [{ expr: "p.name", type: "text" }, { expr: "p.id", type: "uuid" }] };

@Resolver(() => Place)
export class PlaceResolver {
  @Query(() => Place, { nullable: true, description: "One place by id or slug (exactly one)." })
  place(@Ctx() ctx: Context, @Arg("id", () => ID, { nullable: true }) id?: string, @Arg("slug", () => String, { nullable: true }) slug?: string) {
    return findByIdOrSlug(ctx, { id, slug }, { type: "Place", loader: "placeById", from: "place", alias: "p", columns: PLACE_COLUMNS, map: toPlace });
  }

  @Query(() => PlaceConnection, { description: "Places, by name." })
  places(@Ctx() ctx: Context, @Args() { filter, ...page }: PlacesArgs) {
    const p = new SqlParams();
    const where: string[] = [];
    if (filter?.search != null) {
      const term = searchTerm(filter.search, "filter.search", 200);
      where.push(`p.name ILIKE ${p.add(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    }
    if (filter?.kind != null) where.push(`p.kind = ${p.add(filter.kind)}`);
    if (filter?.countryCode != null) where.push(`p.country_code = ${p.add(filter.countryCode.toUpperCase())}`);
    return paginate(ctx.db, { select: PLACE_COLUMNS, from: "place p", where, params: p }, BY_NAME, pageRequest(page, BY_NAME, ctx.config.limits), toPlace);
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles that name the place, newest first." })
  articles(@Root() p: PlaceRow, @Ctx() ctx: Context, @Args() page: ConnectionArgs, @Info() info: GraphQLResolveInfo) {
    return relatedArticles(ctx, "place", p.dbId, page, selectedNodeFields(info));
  }

  @FieldResolver(() => EventConnection, { description: "Events held at the place, by date." })
  events(@Root() p: PlaceRow, @Ctx() ctx: Context, @Args() page: ConnectionArgs) {
    return relatedEvents(ctx, "place", p.dbId, page);
  }
}
