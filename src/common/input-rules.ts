import { ValidateBy, type ValidationOptions } from "class-validator";
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
