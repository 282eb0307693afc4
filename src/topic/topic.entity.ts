import { Entity } from "typeorm";
import { NamedEntity } from "../common/base.entity";

@Entity("topic")
export class TopicEntity extends NamedEntity {}
