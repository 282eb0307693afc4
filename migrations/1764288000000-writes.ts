import type { MigrationInterface, QueryRunner } from "typeorm";

const TRACKED = ["organization", "place", "topic", "expert", "article", "quote", "event"] as const;

/**
 * What writing needs:
 * - `api_key`: keys with a role; only a SHA-256 of each key is stored, found by its public prefix.
 * - On every tracked table, `version` (optimistic concurrency) and `created_by` / `updated_by`
 *   (the API key that wrote the row; NULL for local writes: the demo seed, the CLI). One trigger
 *   keeps them: an insert starts at version 1, every update adds 1 and stamps `updated_at`, and
 *   the writer is read from the transaction setting `newsgraph.actor`, so no write path can forget.
 * - `name_keys` on experts and organizations (name and aliases, normalised) and a name-key index on
 *   places and topics: "Patricia Kim", "patricia  kim" and "Dr. Patricia Kim" find the same row.
 */
export class Writes1764288000000 implements MigrationInterface {
  name = "Writes1764288000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL,
        prefix text NOT NULL,
        secret_hash bytea NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        created_by uuid REFERENCES api_key (id) ON DELETE SET NULL,
        last_used_at timestamptz(3),
        revoked_at timestamptz(3),
        CONSTRAINT api_key_prefix_key UNIQUE (prefix),
        CONSTRAINT api_key_name_not_blank CHECK (btrim(name) <> ''),
        CONSTRAINT api_key_role_check CHECK (role IN ('reader', 'editor', 'admin')),
        CONSTRAINT api_key_hash_length CHECK (octet_length(secret_hash) = 32)
      )`);
    await q.query(`CREATE INDEX api_key_created_at_id_idx ON api_key (created_at, id)`);

    await q.query(`
      CREATE FUNCTION newsgraph_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        actor uuid := nullif(current_setting('newsgraph.actor', true), '')::uuid;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.version := 1;
          NEW.created_by := coalesce(NEW.created_by, actor);
          NEW.updated_by := NEW.created_by;
        ELSE
          NEW.version := OLD.version + 1;
          NEW.created_at := OLD.created_at;
          NEW.created_by := OLD.created_by;
          NEW.updated_at := now();
          NEW.updated_by := actor;
        END IF;
        RETURN NEW;
      END
      $$`);

    for (const table of TRACKED) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN version integer NOT NULL DEFAULT 1,
          ADD COLUMN created_by uuid REFERENCES api_key (id) ON DELETE SET NULL,
          ADD COLUMN updated_by uuid REFERENCES api_key (id) ON DELETE SET NULL`);
      await q.query(`CREATE TRIGGER ${table}_stamp BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION newsgraph_stamp()`);
    }

    // Lower case, common Latin accents folded, periods and apostrophes dropped ("U.S." = "US"),
    // other punctuation runs to one space, a leading honorific
    // dropped. Non-Latin scripts pass through unchanged. Empty keys never match anything.
    await q.query(`
      CREATE FUNCTION newsgraph_name_key(name text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT regexp_replace(
          btrim(regexp_replace(regexp_replace(
            translate(lower(name),
              'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŁłŚśŻżŹźĆćŃńĘęĄąŠšŽžČčŘřĚěŮů',
              'aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyyllsszzzzccnneeaasszzccrreeuu'),
            '[.''’]', '', 'g'),
            '[[:space:],;:!?"‘“”()\\[\\]{}/\\\\&_-]+', ' ', 'g')),
          '^(dr|mr|mrs|ms|miss|prof|sir|dame) ', '')
      $$`);
    await q.query(`
      CREATE FUNCTION newsgraph_name_keys(name text, aliases text[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT k) FILTER (WHERE k <> ''), '{}')
        FROM unnest(array_prepend(name, aliases)) AS n, newsgraph_name_key(n) AS k
      $$`);
    for (const table of ["expert", "organization"]) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN name_keys text[] GENERATED ALWAYS AS (newsgraph_name_keys(name, aliases)) STORED`);
      await q.query(`CREATE INDEX ${table}_name_keys_idx ON ${table} USING gin (name_keys)`);
    }
    for (const table of ["place", "topic"]) {
      await q.query(`CREATE INDEX ${table}_name_key_idx ON ${table} (newsgraph_name_key(name))`);
    }
    // Events named again by another article are found by title and day.
    await q.query(`CREATE INDEX event_title_key_idx ON event (newsgraph_name_key(title), starts_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX event_title_key_idx`);
    for (const table of ["place", "topic"]) await q.query(`DROP INDEX ${table}_name_key_idx`);
    for (const table of ["expert", "organization"]) await q.query(`ALTER TABLE ${table} DROP COLUMN name_keys`);
    await q.query(`DROP FUNCTION newsgraph_name_keys(text, text[])`);
    await q.query(`DROP FUNCTION newsgraph_name_key(text)`);
    for (const table of TRACKED) {
      await q.query(`DROP TRIGGER ${table}_stamp ON ${table}`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN version, DROP COLUMN created_by, DROP COLUMN updated_by`);
    }
    await q.query(`DROP FUNCTION newsgraph_stamp()`);
    await q.query(`DROP TABLE api_key`);
  }
}
