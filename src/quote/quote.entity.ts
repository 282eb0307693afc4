import { Column, Entity, JoinColumn, ManyToOne , type Relation } from "typeorm";
import { ArticleEntity } from "../article/article.entity";
import { BaseEntity } from "../common/base.entity";
import { ExpertEntity } from "../expert/expert.entity";
import { OrganizationEntity } from "../organization/organization.entity";

/** Who said what, where and how. Exactly one of the two speaker columns or the speaker description is set. */
@Entity("quote")
export class QuoteEntity extends BaseEntity {
  @Column({ type: "text" })
  text!: string;

  @Column({ name: "article_id", type: "uuid" })
  articleId!: string;

  @ManyToOne(() => ArticleEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Relation<ArticleEntity>;

  @Column({ name: "speaker_expert_id", type: "uuid", nullable: true })
  speakerExpertId!: string | null;

  @ManyToOne(() => ExpertEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "speaker_expert_id" })
  speakerExpert?: Relation<ExpertEntity> | null;

  @Column({ name: "speaker_organization_id", type: "uuid", nullable: true })
  speakerOrganizationId!: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "speaker_organization_id" })
  speakerOrganization?: Relation<OrganizationEntity> | null;

  /** An anonymous speaker as the article describes them ("a senior State Department official"); set exactly when both speaker columns are null. */
  @Column({ name: "speaker_description", type: "text", nullable: true })
  speakerDescription!: string | null;

  /** The organization an anonymous speaker's description names: their affiliation, not the speaker. */
  @Column({ name: "speaker_description_organization_id", type: "uuid", nullable: true })
  speakerDescriptionOrganizationId!: string | null;

  @ManyToOne(() => OrganizationEntity, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "speaker_description_organization_id" })
  speakerDescriptionOrganization?: Relation<OrganizationEntity> | null;

  /** How it was said: "emailed statement", "told reporters", ... */
  @Column({ type: "text", nullable: true })
  channel!: string | null;

  @Column({ name: "said_on", type: "date", nullable: true })
  saidOn!: string | null;

  @Column({ name: "is_partial", type: "boolean", default: false })
  isPartial!: boolean;

  /** Order of the quote within its article. */
  @Column({ type: "integer", default: 0 })
  position!: number;

  @Column({ name: "start_offset", type: "integer", nullable: true })
  startOffset!: number | null;

  @Column({ name: "end_offset", type: "integer", nullable: true })
  endOffset!: number | null;

  @Column({ type: "real", default: 1 })
  confidence!: number;
}
