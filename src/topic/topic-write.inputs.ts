import { InputType } from "type-graphql";
import { NamedRefFields, SlugNameFields } from "../common/named.inputs";
@InputType({ description: "A topic: an existing one by `id` (global id or slug), or by `name`, created when new." })
export class TopicRefInput extends NamedRefFields {}

@InputType({ description: "upsertTopic: found by slug when given, else by name; created when new." })
export class TopicInput extends SlugNameFields {}
