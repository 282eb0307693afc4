import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The news graph: articles and the facts inside them.
 *
 * ON DELETE rules, deliberately:
 * - an article's own rows (images, quotes, mention links, topic links, event links) go with it;
 * - people, organizations, places, topics and events outlive any one article;
 * - a quote's speaker is RESTRICT: deleting a person or organization never silently drops what
 *   they said (merge them first);
 * - an expert's organization and an article's publisher are SET NULL.
 * Runs on PostgreSQL 15 and on PGlite (PostgreSQL 18).
 */
export class InitialSchema1764201600000 implements MigrationInterface {
  name = "InitialSchema1764201600000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE FUNCTION newsgraph_word_count(body text) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN btrim(body) = '' THEN 0
               ELSE coalesce(array_length(regexp_split_to_array(btrim(body), '\\s+'), 1), 0) END
      $$`);
    // array_to_string is only STABLE in general; over text[] it is immutable, which the
    // trigram expression index needs.
    await q.query(`
      CREATE FUNCTION newsgraph_names(name text, aliases text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT lower(name || ' ' || array_to_string(aliases, ' '))
      $$`);

    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        kind text NOT NULL DEFAULT 'other',
        country char(2),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT organization_slug_key UNIQUE (slug),
        CONSTRAINT organization_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT organization_name_not_blank CHECK (btrim(name) <> ''),
        CONSTRAINT organization_kind_check CHECK (kind IN ('government', 'military', 'company', 'media',
          'university', 'think_tank', 'ngo', 'international', 'political_party', 'other'))
      )`);
    await q.query(`CREATE INDEX organization_name_id_idx ON organization (name, id)`);
    await q.query(`CREATE INDEX organization_names_trgm_idx ON organization USING gin (newsgraph_names(name, aliases) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE place (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL DEFAULT 'other',
        region text,
        country_code char(2),
        latitude double precision,
        longitude double precision,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT place_slug_key UNIQUE (slug),
        CONSTRAINT place_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT place_name_not_blank CHECK (btrim(name) <> ''),
        CONSTRAINT place_kind_check CHECK (kind IN ('city', 'region', 'country', 'building', 'other')),
        CONSTRAINT place_coordinates_check CHECK (
          (latitude IS NULL AND longitude IS NULL) OR
          (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180))
      )`);
    await q.query(`CREATE INDEX place_name_id_idx ON place (name, id)`);

    await q.query(`
      CREATE TABLE topic (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT topic_slug_key UNIQUE (slug),
        CONSTRAINT topic_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT topic_name_not_blank CHECK (btrim(name) <> '')
      )`);
    await q.query(`CREATE INDEX topic_name_id_idx ON topic (name, id)`);

    await q.query(`
      CREATE TABLE expert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        title text,
        kind text NOT NULL DEFAULT 'other',
        organization_id uuid REFERENCES organization (id) ON DELETE SET NULL,
        country char(2),
        description text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT expert_slug_key UNIQUE (slug),
        CONSTRAINT expert_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT expert_name_not_blank CHECK (btrim(name) <> ''),
        CONSTRAINT expert_kind_check CHECK (kind IN ('analyst', 'academic', 'official', 'politician', 'journalist', 'other'))
      )`);
    await q.query(`CREATE INDEX expert_organization_id_idx ON expert (organization_id, name, id)`);
    await q.query(`CREATE INDEX expert_name_id_idx ON expert (name, id)`);
    await q.query(`CREATE INDEX expert_created_at_id_idx ON expert (created_at, id)`);
    await q.query(`CREATE INDEX expert_names_trgm_idx ON expert USING gin (newsgraph_names(name, aliases) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE article (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        url text,
        headline text NOT NULL,
        summary text,
        body text NOT NULL,
        language text NOT NULL DEFAULT 'en',
        published_at timestamptz(3) NOT NULL,
        publisher_id uuid REFERENCES organization (id) ON DELETE SET NULL,
        bylines text[] NOT NULL DEFAULT '{}',
        sections text[] NOT NULL DEFAULT '{}',
        word_count integer GENERATED ALWAYS AS (newsgraph_word_count(body)) STORED,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english'::regconfig, headline), 'A') ||
          setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') ||
          setweight(to_tsvector('english'::regconfig, body), 'C')) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT article_slug_key UNIQUE (slug),
        CONSTRAINT article_url_key UNIQUE (url),
        CONSTRAINT article_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        CONSTRAINT article_headline_not_blank CHECK (btrim(headline) <> ''),
        CONSTRAINT article_language_format CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$')
      )`);
    await q.query(`CREATE INDEX article_published_at_id_idx ON article (published_at, id)`);
    await q.query(`CREATE INDEX article_created_at_id_idx ON article (created_at, id)`);
    await q.query(`CREATE INDEX article_headline_id_idx ON article (headline, id)`);
    await q.query(`CREATE INDEX article_publisher_id_idx ON article (publisher_id)`);
    await q.query(`CREATE INDEX article_language_idx ON article (language, published_at, id)`);
    await q.query(`CREATE INDEX article_sections_idx ON article USING gin (sections)`);
    await q.query(`CREATE INDEX article_search_idx ON article USING gin (search)`);

    await q.query(`
      CREATE TABLE article_image (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES article (id) ON DELETE CASCADE,
        position integer NOT NULL,
        caption text NOT NULL,
        credit text,
        url text,
        CONSTRAINT article_image_position_key UNIQUE (article_id, position),
        CONSTRAINT article_image_position_check CHECK (position >= 0)
      )`);

    for (const [table, column, target] of [
      ["article_topic", "topic_id", "topic"],
      ["article_expert", "expert_id", "expert"],
      ["article_organization", "organization_id", "organization"],
      ["article_place", "place_id", "place"],
    ] as const) {
      await q.query(`
        CREATE TABLE ${table} (
          article_id uuid NOT NULL REFERENCES article (id) ON DELETE CASCADE,
          ${column} uuid NOT NULL REFERENCES ${target} (id) ON DELETE CASCADE,
          PRIMARY KEY (article_id, ${column})
        )`);
      await q.query(`CREATE INDEX ${table}_${column}_idx ON ${table} (${column}, article_id)`);
    }

    await q.query(`
      CREATE TABLE quote (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        text text NOT NULL,
        article_id uuid NOT NULL REFERENCES article (id) ON DELETE CASCADE,
        speaker_expert_id uuid REFERENCES expert (id) ON DELETE RESTRICT,
        speaker_organization_id uuid REFERENCES organization (id) ON DELETE RESTRICT,
        channel text,
        said_on date,
        is_partial boolean NOT NULL DEFAULT false,
        position integer NOT NULL DEFAULT 0,
        start_offset integer,
        end_offset integer,
        confidence real NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT quote_text_not_blank CHECK (btrim(text) <> ''),
        CONSTRAINT quote_one_speaker CHECK (num_nonnulls(speaker_expert_id, speaker_organization_id) = 1),
        CONSTRAINT quote_offsets_check CHECK (
          (start_offset IS NULL AND end_offset IS NULL) OR
          (start_offset >= 0 AND end_offset > start_offset)),
        CONSTRAINT quote_confidence_check CHECK (confidence >= 0 AND confidence <= 1)
      )`);
    await q.query(`CREATE INDEX quote_article_id_idx ON quote (article_id, position)`);
    await q.query(`CREATE INDEX quote_speaker_expert_id_idx ON quote (speaker_expert_id, created_at, id)`);
    await q.query(`CREATE INDEX quote_speaker_organization_id_idx ON quote (speaker_organization_id, created_at, id)`);
    await q.query(`CREATE INDEX quote_said_on_idx ON quote (said_on, id)`);
    await q.query(`CREATE INDEX quote_created_at_id_idx ON quote (created_at, id)`);
    await q.query(`CREATE INDEX quote_search_idx ON quote USING gin (search)`);

    await q.query(`
      CREATE TABLE event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        kind text NOT NULL DEFAULT 'other',
        description text,
        starts_on date,
        ends_on date,
        date_precision text NOT NULL DEFAULT 'day',
        status text NOT NULL DEFAULT 'happened',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT event_title_not_blank CHECK (btrim(title) <> ''),
        CONSTRAINT event_kind_check CHECK (kind IN ('meeting', 'visit', 'talks', 'travel', 'briefing',
          'publication', 'review', 'summit', 'conference', 'election', 'announcement', 'protest', 'other')),
        CONSTRAINT event_date_precision_check CHECK (date_precision IN ('day', 'week', 'month', 'year')),
        CONSTRAINT event_status_check CHECK (status IN ('scheduled', 'ongoing', 'happened', 'cancelled')),
        CONSTRAINT event_dates_check CHECK (ends_on IS NULL OR (starts_on IS NOT NULL AND ends_on >= starts_on))
      )`);
    await q.query(`CREATE INDEX event_starts_on_id_idx ON event (starts_on, id)`);
    // The API orders by date with undated events last, in either direction.
    await q.query(`CREATE INDEX event_starts_on_asc_idx ON event ((coalesce(starts_on, 'infinity'::date)), id)`);
    await q.query(`CREATE INDEX event_starts_on_desc_idx ON event ((coalesce(starts_on, '-infinity'::date)), id)`);
    await q.query(`CREATE INDEX event_created_at_id_idx ON event (created_at, id)`);
    await q.query(`CREATE INDEX event_kind_idx ON event (kind, starts_on, id)`);

    for (const [table, column, target] of [
      ["event_place", "place_id", "place"],
      ["event_expert", "expert_id", "expert"],
      ["event_organization", "organization_id", "organization"],
      ["event_article", "article_id", "article"],
    ] as const) {
      await q.query(`
        CREATE TABLE ${table} (
          event_id uuid NOT NULL REFERENCES event (id) ON DELETE CASCADE,
          ${column} uuid NOT NULL REFERENCES ${target} (id) ON DELETE CASCADE,
          PRIMARY KEY (event_id, ${column})
        )`);
      await q.query(`CREATE INDEX ${table}_${column}_idx ON ${table} (${column}, event_id)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "event_article", "event_organization", "event_expert", "event_place", "event",
      "quote", "article_place", "article_organization", "article_expert", "article_topic",
      "article_image", "article", "expert", "topic", "place", "organization",
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION newsgraph_names(text, text[])`);
    await q.query(`DROP FUNCTION newsgraph_word_count(text)`);
  }
}
