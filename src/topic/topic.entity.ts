import { Column, Entity } from "typeorm";
import { BaseEntity } from "../common/base.entity";

@Entity("topic")
export class TopicEntity extends BaseEntity {
  @Column({ type: "text", unique: true })
  slug!: string;

  @Column({ type: "text" })
  name!: string;
}
