import { DateTimeResolver } from "graphql-scalars";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Role } from "./api-key.entity";

registerEnumType(Role, {
  name: "Role",
  description: "What an API key may do; each role includes the ones before it.",
  valuesConfig: {
    READER: { description: "Reads (needed only when the server requires a key for reads)." },
    EDITOR: { description: "Reads and writes content: every mutation except key management." },
    ADMIN: { description: "Everything, including creating and revoking API keys." },
  },
});

/** An API key as the API shows it: never its secret or hash. `id` is a global id, but not a `Node`. */
export interface ApiKeyRow {
  /** Global id. */
  id: string;
  /** Database key. */
  dbId: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

@ObjectType("ApiKey", { simpleResolvers: true, description: "An API key. The key itself is shown once, when it is created; only its hash is stored." })
export class ApiKey {
  @Field(() => ID, { description: "Opaque global id (not fetchable with `node`: keys are for admins only)." })
  id!: string;

  @Field({ description: "What the key is for, e.g. \"wire importer\"." })
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field({ description: "The public start of the key, e.g. `ng_5f1c9a0e`: how to recognise it." })
  prefix!: string;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "When a request last presented the key (updated at most once a minute)." })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the key was revoked; a revoked key is refused." })
  revokedAt!: Date | null;
}

@ObjectType("Viewer", { simpleResolvers: true, description: "The API key a request presented." })
export class Viewer {
  @Field({ description: "The key's name." })
  name!: string;

  @Field(() => Role)
  role!: Role;
}

@ObjectType("CreateApiKeyPayload", { simpleResolvers: true })
export class CreateApiKeyPayload {
  @Field(() => ApiKey)
  apiKey!: ApiKeyRow;

  @Field({ description: "The key, shown this once: send it as `Authorization: Bearer <key>`. It cannot be recovered later." })
  key!: string;
}

@ObjectType("RevokeApiKeyPayload", { simpleResolvers: true })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { description: "The key, with `revokedAt` set (unchanged when it was already revoked)." })
  apiKey!: ApiKeyRow;
}
