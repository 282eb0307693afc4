import { IsEnum, Length, Matches } from "class-validator";
import { Field, InputType } from "type-graphql";
import { Role } from "./api-key.entity";

@InputType({ description: "A new API key." })
export class CreateApiKeyInput {
  @Field({ description: "What the key is for, e.g. \"wire importer\": 1 to 100 characters, not blank." })
  @Length(1, 100)
  @Matches(/\S/, { message: "name must not be blank" })
  name!: string;

  @Field(() => Role)
  @IsEnum(Role, { message: "role must be one of reader, editor, admin" })
  role!: Role;
}
