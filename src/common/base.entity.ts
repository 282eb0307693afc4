import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** Columns every table shares: a UUID key and creation/update times (millisecond precision, so they round-trip through JavaScript dates and keyset cursors). */
export abstract class BaseEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}

/** Something found by a name in text and addressed by a slug: people, organizations, places, topics. */
export abstract class NamedEntity extends BaseEntity {
  @Column({ type: "text", unique: true })
  slug!: string;

  @Column({ type: "text" })
  name!: string;
}

/** A named thing that also goes by other names, misspellings included ("Xi Jingping", "Pentagon"). */
export abstract class AliasedEntity extends NamedEntity {
  @Column({ type: "text", array: true, default: () => "'{}'" })
  aliases!: string[];
}
