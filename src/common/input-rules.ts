import { Max, Min, ValidateBy, type ValidationOptions } from "class-validator";
import { type ClassType, Field, Float, Int } from "type-graphql";
import { SLUG } from "./refs";

/** A string rule with its own constraint name, so `extensions.fields[].constraint` says what failed. */
function stringRule(name: string, test: (value: string) => boolean, message: string) {
  return (options?: ValidationOptions) =>
    ValidateBy({ name, validator: { validate: (value: unknown) => typeof value === "string" && test(value), defaultMessage: () => message } }, options);
}

/** Not empty and not only whitespace. */
export const NotBlank = stringRule("notBlank", (v) => /\S/.test(v), "must not be blank");

/** A slug: lower-case letters and digits in hyphen-separated runs. */
export const IsSlug = stringRule("slug", (v) => SLUG.test(v), "must be lower-case letters and digits separated by single hyphens, e.g. top-us-officials");

/** A BCP 47 language tag such as "en" or "pt-BR". */
export const IsLanguageTag = stringRule("languageTag", (v) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v), 'must be a BCP 47 language tag such as "en" or "pt-BR"');

/** Exactly one of the named fields is set (not null/undefined). */
export function exactlyOne(input: object, names: string[], label = names.join(" or ")): { field: string; message: string; constraint: string }[] {
  const set = names.filter((n) => (input as Record<string, unknown>)[n] != null);
  if (set.length === 1) return [];
  return [{ field: set[1] ?? names[0]!, message: set.length ? `give only one of ${label}` : `give ${label}`, constraint: "exactlyOne" }];
}

/** `endsOn` not before `startsOn`, and not without it. Dates are YYYY-MM-DD strings, which compare as text. */
export function dateRange(startsOn: string | null | undefined, endsOn: string | null | undefined): { field: string; message: string; constraint: string }[] {
  if (endsOn == null) return [];
  if (startsOn == null) return [{ field: "endsOn", message: "needs startsOn", constraint: "dateRange" }];
  return endsOn < startsOn ? [{ field: "endsOn", message: `must not be before startsOn (${startsOn})`, constraint: "dateRange" }] : [];
}

/** Offsets given together, `0 ≤ start < end ≤ length` when the text length is known. */
export function offsets(start: number | null | undefined, end: number | null | undefined, length?: number): { field: string; message: string; constraint: string }[] {
  if (start == null && end == null) return [];
  if (start == null) return [{ field: "startOffset", message: "must be given with endOffset", constraint: "offsets" }];
  if (end == null) return [{ field: "endOffset", message: "must be given with startOffset", constraint: "offsets" }];
  if (end <= start) return [{ field: "endOffset", message: "must be greater than startOffset", constraint: "offsets" }];
  if (length !== undefined && end > length) return [{ field: "endOffset", message: `must be inside the body (at most ${length})`, constraint: "offsets" }];
  return [];
}

/** Provenance of something extracted from a text: where it is (character offsets) and how sure the extractor was. */
export interface Provenance {
  startOffset?: number | null;
  endOffset?: number | null;
  confidence?: number | null;
}

/**
 * Adds the optional provenance fields (`startOffset`, `endOffset`, `confidence`) with their rules to
 * an input type, as a mixin: the mention inputs already extend their reference inputs. The pair
 * rule is the class's own `check()`, through {@link offsets}.
 */
export function provenanceFields(target: ClassType, what: string): void {
  const proto = target.prototype as object;
  Field(() => Int, { nullable: true, description: `Provenance: offset in the article body of the first character of ${what}.` })(proto, "startOffset");
  Min(0)(proto, "startOffset");
  Field(() => Int, { nullable: true, description: "Provenance: offset just past the last character." })(proto, "endOffset");
  Min(1)(proto, "endOffset");
  Field(() => Float, { nullable: true, description: "How sure the extractor was, 0 to 1; default 1.0 (entered by hand)." })(proto, "confidence");
  Min(0)(proto, "confidence");
  Max(1)(proto, "confidence");
}
