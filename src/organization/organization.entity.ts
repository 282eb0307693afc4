import { Column, Entity } from "typeorm";
import { AliasedEntity } from "../common/base.entity";

/** Kinds of organization, stored lower-case. */
export enum OrganizationKind {
  GOVERNMENT = "government",
  MILITARY = "military",
  COMPANY = "company",
  MEDIA = "media",
  UNIVERSITY = "university",
  THINK_TANK = "think_tank",
  NGO = "ngo",
  INTERNATIONAL = "international",
  POLITICAL_PARTY = "political_party",
  OTHER = "other",
}

@Entity("organization")
export class OrganizationEntity extends AliasedEntity {
  @Column({ type: "text", default: OrganizationKind.OTHER })
  kind!: OrganizationKind;

  @Column({ type: "char", length: 2, nullable: true })
  country!: string | null;
}
