import { Column, Entity, Index, JoinColumn, ManyToOne , type Relation } from "typeorm";
import { AliasedEntity } from "../common/base.entity";
import { OrganizationEntity } from "../organization/organization.entity";

/** Kinds of person, stored lower-case. */
export enum ExpertKind {
  ANALYST = "analyst",
  ACADEMIC = "academic",
  OFFICIAL = "official",
  POLITICIAN = "politician",
  JOURNALIST = "journalist",
  OTHER = "other",
}

/** A person the news quotes or names. */
@Entity("expert")
export class ExpertEntity extends AliasedEntity {
  @Column({ type: "text", nullable: true })
  title!: string | null;

  @Column({ type: "text", default: ExpertKind.OTHER })
  kind!: ExpertKind;

  @Index()
  @Column({ name: "organization_id", type: "uuid", nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: "SET NULL" })
  @JoinColumn({ name: "organization_id" })
  organization?: Relation<OrganizationEntity> | null;

  @Column({ type: "char", length: 2, nullable: true })
  country!: string | null;

  @Column({ type: "text", nullable: true })
  description!: string | null;
}
