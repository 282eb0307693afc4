import { AnonymousSpeakers1764633600000 } from "./1764633600000-anonymous-speakers";
import { CrossSearch1796641129894 } from "./1796641129894-cross-search";
import { EventHappenings1796641236341 } from "./1796641236341-event-happenings";
import { ExpertFinder1796641102129 } from "./1796641102129-expert-finder";
import { ExpertArticleNamed1796657611943 } from "./1796657611943-expert-article-named";
import { ExpertStats1796642325531 } from "./1796642325531-expert-stats";
import { FacetIndexes1796643040864 } from "./1796643040864-facet-indexes";
import { HeadlineSearch1796668000000 } from "./1796668000000-headline-search";
import { InitialSchema1764201600000 } from "./1764201600000-initial-schema";
import { PlanRows1796641397835 } from "./1796641397835-plan-rows";
import { Provenance1764374400000 } from "./1764374400000-provenance";
import { PublishedAtSource1796656730505 } from "./1796656730505-published-at-source";
import { SearchRank1764547200000 } from "./1764547200000-search-rank";
import { WordCount1764460800000 } from "./1764460800000-word-count";
import { Writes1764288000000 } from "./1764288000000-writes";

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const migrations = [InitialSchema1764201600000, Writes1764288000000, Provenance1764374400000, WordCount1764460800000, SearchRank1764547200000, AnonymousSpeakers1764633600000, ExpertFinder1796641102129, CrossSearch1796641129894, EventHappenings1796641236341, PlanRows1796641397835, ExpertStats1796642325531, FacetIndexes1796643040864, PublishedAtSource1796656730505, ExpertArticleNamed1796657611943, HeadlineSearch1796668000000];
