import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { ArticleEdge } from "../article/article.type";
import type { ArticleRow } from "../article/article.type";
import type { Edge } from "../common/pagination";
import type { Context } from "../context";
import { loadNodeRow } from "../node.resolver";
import { QuoteEdge } from "../quote/quote.type";
import type { QuoteRow } from "../quote/quote.type";
import { Highlight } from "./highlight.type";
import { highlightsOf } from "./highlight.service";
import { SearchArgs } from "./search.inputs";
import { type SearchPage, SearchService } from "./search.service";
import { SearchConnection, SearchEdge, type SearchHit, SearchResult } from "./search.type";

@Resolver(() => SearchConnection)
export class SearchResolver {
  @Query(() => SearchConnection, {
    description: "Articles, quotes, experts, organizations and events matching a query, ranked together, best first, with highlights.",
  })
  search(@Ctx() ctx: Context, @Args() args: SearchArgs): Promise<SearchPage> {
    return SearchService.search(ctx, args);
  }

  @FieldResolver(() => [SearchResult])
  nodes(@Root() page: SearchPage, @Ctx() ctx: Context) {
    return page.edges.map((hit) => loadNodeRow(ctx, hit.type, hit.dbId));
  }
}

@Resolver(() => SearchEdge)
export class SearchEdgeResolver {
  @FieldResolver(() => SearchResult)
  node(@Root() hit: SearchHit, @Ctx() ctx: Context) {
    return loadNodeRow(ctx, hit.type, hit.dbId);
  }

  @FieldResolver(() => [Highlight])
  highlights(@Root() hit: SearchHit, @Ctx() ctx: Context) {
    return highlightsOf(ctx, hit.type, hit.dbId, hit.query);
  }
}

@Resolver(() => ArticleEdge)
export class ArticleEdgeResolver {
  @FieldResolver(() => [Highlight], { description: "With `filter.search`: snippets of the headline, summary and body with the matched words marked by offsets; otherwise empty." })
  highlights(@Root() edge: Edge<ArticleRow>, @Ctx() ctx: Context) {
    return edge.highlightQuery ? highlightsOf(ctx, "Article", edge.node.dbId, edge.highlightQuery) : [];
  }
}

@Resolver(() => QuoteEdge)
export class QuoteEdgeResolver {
  @FieldResolver(() => [Highlight], { description: "With `filter.search`: the quote's text with the matched words marked by offsets; otherwise empty." })
  highlights(@Root() edge: Edge<QuoteRow>, @Ctx() ctx: Context) {
    return edge.highlightQuery ? highlightsOf(ctx, "Quote", edge.node.dbId, edge.highlightQuery) : [];
  }
}
