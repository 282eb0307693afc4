import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Events as happenings (issue 11): several articles report one event, each under its own title.
 * A link keeps that title beside its confidence (which the provenance migration added); links
 * written before this migration get the event's title. `Event.titles` reads them.
 */
export class EventHappenings1796641236341 implements MigrationInterface {
  name = "EventHappenings1796641236341";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event_article ADD COLUMN title text, ADD CONSTRAINT event_article_title_not_blank CHECK (title IS NULL OR btrim(title) <> '')`);
    await q.query(`UPDATE event_article l SET title = e.title FROM event e WHERE e.id = l.event_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event_article DROP COLUMN title`);
  }
}
