import { Column, Entity } from "typeorm";
import { NamedEntity } from "../common/base.entity";

/** Kinds of place, stored lower-case. */
export enum PlaceKind {
  CITY = "city",
  REGION = "region",
  COUNTRY = "country",
  BUILDING = "building",
  OTHER = "other",
}

@Entity("place")
export class PlaceEntity extends NamedEntity {
  @Column({ type: "text", default: PlaceKind.OTHER })
  kind!: PlaceKind;

  /** State, province or region the place lies in, e.g. "Alaska". */
  @Column({ type: "text", nullable: true })
  region!: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ name: "country_code", type: "char", length: 2, nullable: true })
  countryCode!: string | null;

  @Column({ type: "double precision", nullable: true })
  latitude!: number | null;

  @Column({ type: "double precision", nullable: true })
  longitude!: number | null;
}
