import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/** Roles, each including the ones before it: a reader reads, an editor writes, an admin manages keys. */
export enum Role {
  READER = "reader",
  EDITOR = "editor",
  ADMIN = "admin",
}

/** An API key. The key itself is shown once at creation; only its SHA-256 is stored. */
@Entity("api_key")
export class ApiKeyEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "text" })
  name!: string;

  @Column({ type: "text" })
  role!: Role;

  /** The public part of the key, e.g. `ng_5f1c9a0e`: how a presented key is found. */
  @Column({ type: "text", unique: true })
  prefix!: string;

  @Column({ name: "secret_hash", type: "bytea" })
  secretHash!: Buffer;

  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @Column({ name: "created_by", type: "uuid", nullable: true })
  createdBy!: string | null;

  @Column({ name: "last_used_at", type: "timestamptz", precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: "revoked_at", type: "timestamptz", precision: 3, nullable: true })
  revokedAt!: Date | null;
}
