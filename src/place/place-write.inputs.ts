import { NamedRefFields, SlugNameFields } from "../common/named.inputs";
import { Max, MaxLength, Min } from "class-validator";
import { CountryCodeResolver } from "graphql-scalars";
import { Field, Float, InputType } from "type-graphql";
import type { FieldError, SelfChecking } from "../common/validation";
import { PlaceKind } from "./place.entity";

@InputType({ description: "A place: an existing one by `id` (global id or slug), or by `name`, created when new." })
export class PlaceRefInput extends NamedRefFields {
  @Field(() => PlaceKind, { nullable: true, description: "Used when the place is created." })
  kind?: PlaceKind | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: "Used when the place is created." })
  countryCode?: string | null;
}

@InputType({ description: "upsertPlace: found by slug when given, else by name; created when new." })
export class PlaceInput extends SlugNameFields implements SelfChecking {
  @Field(() => PlaceKind, { nullable: true })
  kind?: PlaceKind | null;

  @Field(() => String, { nullable: true, description: "State or province." })
  @MaxLength(300)
  region?: string | null;

  @Field(() => CountryCodeResolver, { nullable: true })
  countryCode?: string | null;

  @Field(() => Float, { nullable: true })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  check(): FieldError[] {
    if ((this.latitude == null) !== (this.longitude == null)) {
      return [{ field: this.latitude == null ? "latitude" : "longitude", message: "latitude and longitude go together", constraint: "coordinates" }];
    }
    return [];
  }
}
