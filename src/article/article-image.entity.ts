import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn , type Relation } from "typeorm";
import { ArticleEntity } from "./article.entity";

@Entity("article_image")
export class ArticleImageEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "article_id", type: "uuid" })
  articleId!: string;

  @ManyToOne(() => ArticleEntity, (article) => article.images, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Relation<ArticleEntity>;

  /** 0-based order within the article. */
  @Column({ type: "integer" })
  position!: number;

  @Column({ type: "text" })
  caption!: string;

  @Column({ type: "text", nullable: true })
  credit!: string | null;

  @Column({ type: "text", nullable: true })
  url!: string | null;
}
