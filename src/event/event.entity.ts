import { Column, Entity, JoinTable, ManyToMany , type Relation } from "typeorm";
import { ArticleEntity } from "../article/article.entity";
import { BaseEntity } from "../common/base.entity";
import { ExpertEntity } from "../expert/expert.entity";
import { OrganizationEntity } from "../organization/organization.entity";
import { PlaceEntity } from "../place/place.entity";

export enum EventKind {
  MEETING = "meeting",
  VISIT = "visit",
  TALKS = "talks",
  TRAVEL = "travel",
  BRIEFING = "briefing",
  PUBLICATION = "publication",
  REVIEW = "review",
  SUMMIT = "summit",
  CONFERENCE = "conference",
  ELECTION = "election",
  ANNOUNCEMENT = "announcement",
  PROTEST = "protest",
  OTHER = "other",
}

export enum DatePrecision {
  DAY = "day",
  WEEK = "week",
  MONTH = "month",
  YEAR = "year",
}

export enum EventStatus {
  SCHEDULED = "scheduled",
  ONGOING = "ongoing",
  HAPPENED = "happened",
  CANCELLED = "cancelled",
}

/** Something the news reports: a meeting, a visit, talks... */
@Entity("event")
export class EventEntity extends BaseEntity {
  @Column({ type: "text" })
  title!: string;

  @Column({ type: "text", default: EventKind.OTHER })
  kind!: EventKind;

  @Column({ type: "text", nullable: true })
  description!: string | null;

  @Column({ name: "starts_on", type: "date", nullable: true })
  startsOn!: string | null;

  @Column({ name: "ends_on", type: "date", nullable: true })
  endsOn!: string | null;

  @Column({ name: "date_precision", type: "text", default: DatePrecision.DAY })
  datePrecision!: DatePrecision;

  @Column({ type: "text", default: EventStatus.HAPPENED })
  status!: EventStatus;

  @ManyToMany(() => PlaceEntity)
  @JoinTable({ name: "event_place", joinColumn: { name: "event_id" }, inverseJoinColumn: { name: "place_id" } })
  places?: Relation<PlaceEntity[]>;

  @ManyToMany(() => ExpertEntity)
  @JoinTable({ name: "event_expert", joinColumn: { name: "event_id" }, inverseJoinColumn: { name: "expert_id" } })
  experts?: Relation<ExpertEntity[]>;

  @ManyToMany(() => OrganizationEntity)
  @JoinTable({ name: "event_organization", joinColumn: { name: "event_id" }, inverseJoinColumn: { name: "organization_id" } })
  organizations?: Relation<OrganizationEntity[]>;

  @ManyToMany(() => ArticleEntity)
  @JoinTable({ name: "event_article", joinColumn: { name: "event_id" }, inverseJoinColumn: { name: "article_id" } })
  articles?: Relation<ArticleEntity[]>;
}
