import { ApiKeyEntity } from "../auth/api-key.entity";
import { ArticleImageEntity } from "../article/article-image.entity";
import { ArticleEntity } from "../article/article.entity";
import { EventEntity } from "../event/event.entity";
import { ExpertEntity } from "../expert/expert.entity";
import { OrganizationEntity } from "../organization/organization.entity";
import { PlaceEntity } from "../place/place.entity";
import { QuoteEntity } from "../quote/quote.entity";
import { TopicEntity } from "../topic/topic.entity";

export const ENTITIES = [
  ApiKeyEntity,
  ArticleEntity,
  ArticleImageEntity,
  EventEntity,
  ExpertEntity,
  OrganizationEntity,
  PlaceEntity,
  QuoteEntity,
  TopicEntity,
];
