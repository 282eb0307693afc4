import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Anonymous sources (issue 10): a quote whose speaker the article only describes ("a senior
 * State Department official") keeps that description, and the organization it names as the
 * speaker's affiliation (never as the speaker). A quote has exactly one of a named speaker (an
 * expert or an organization) and a description; only a described speaker has an affiliation.
 */
export class AnonymousSpeakers1764633600000 implements MigrationInterface {
  name = "AnonymousSpeakers1764633600000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE quote
        ADD COLUMN speaker_description text,
        ADD COLUMN speaker_description_organization_id uuid REFERENCES organization (id) ON DELETE RESTRICT,
        DROP CONSTRAINT quote_one_speaker,
        ADD CONSTRAINT quote_one_speaker CHECK (num_nonnulls(speaker_expert_id, speaker_organization_id, speaker_description) = 1),
        ADD CONSTRAINT quote_affiliation_only_when_described CHECK (speaker_description_organization_id IS NULL OR speaker_description IS NOT NULL),
        ADD CONSTRAINT quote_speaker_description_not_blank CHECK (speaker_description IS NULL OR btrim(speaker_description) <> '')`);
    await q.query(`CREATE INDEX quote_speaker_description_organization_id_idx ON quote (speaker_description_organization_id) WHERE speaker_description_organization_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM quote WHERE speaker_description IS NOT NULL`);
    await q.query(`
      ALTER TABLE quote
        DROP CONSTRAINT quote_one_speaker,
        DROP COLUMN speaker_description_organization_id,
        DROP COLUMN speaker_description,
        ADD CONSTRAINT quote_one_speaker CHECK (num_nonnulls(speaker_expert_id, speaker_organization_id) = 1)`);
  }
}
