import { type GraphQLResolveInfo, GraphQLError, getNamedType } from "graphql";
import type { ValidationError } from "class-validator";
import { ErrorCode } from "./errors";

/** One invalid field: its path from the argument (`input.quotes[2].text`), what is wrong, and the rule. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
  readonly constraint?: string;
}

/** BAD_USER_INPUT listing every invalid field in `extensions.fields`. */
export function invalidInput(fields: readonly FieldError[]): GraphQLError {
  const shown = fields.slice(0, 3).map((f) => `${f.field}: ${f.message}`);
  const more = fields.length > 3 ? ` (and ${fields.length - 3} more)` : "";
  return new GraphQLError(`Invalid input: ${shown.join("; ")}${more}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
  });
}

/** `input.quotes[2].text` style paths. */
export function join(base: string, property: string): string {
  if (/^\d+$/.test(property)) return `${base}[${property}]`;
  return base ? `${base}.${property}` : property;
}

/** class-validator's nested errors as a flat list of field paths. */
export function flattenValidationErrors(errors: readonly ValidationError[], base = ""): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = join(base, error.property);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      // class-validator starts messages with the property name; the path says it better.
      const text = message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
      out.push({ field, message: text, constraint });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/**
 * An input with rules class-validator cannot express on one property (exactly one of two fields,
 * a date range, offsets inside the body): `check` returns what is wrong, relative to the input.
 */
export interface SelfChecking {
  check(): FieldError[];
}

function isSelfChecking(value: unknown): value is SelfChecking {
  return value !== null && typeof value === "object" && typeof (value as SelfChecking).check === "function";
}

/** Runs `check()` on an input and on every nested input, prefixing the paths. */
function selfChecks(value: unknown, base: string, out: FieldError[], depth = 0): void {
  if (value === null || typeof value !== "object" || depth > 10 || value instanceof Date) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => selfChecks(item, join(base, String(i)), out, depth + 1));
    return;
  }
  if (isSelfChecking(value)) for (const f of value.check()) out.push({ ...f, field: f.field ? join(base, f.field) : base });
  for (const [key, child] of Object.entries(value)) selfChecks(child, join(base, key), out, depth + 1);
}

/** The name of the argument of the current field whose input type is `argType`; "" for `@Args` classes. */
function argumentName(info: GraphQLResolveInfo, argType: unknown): string {
  const typeName = typeof argType === "function" ? argType.name : undefined;
  if (!typeName) return "";
  const field = info.parentType.getFields()[info.fieldName];
  return field?.args.find((a) => getNamedType(a.type).name === typeName)?.name ?? "";
}

/**
 * type-graphql's `validateFn`: class-validator over every argument, nested inputs included, with
 * every violation reported at once as BAD_USER_INPUT with `extensions.fields`.
 */
export async function validateArgument(argValue: unknown, argType: unknown, resolverData: { info: GraphQLResolveInfo }): Promise<void> {
  if (argValue === null || typeof argValue !== "object") return;
  const { validate } = await import("class-validator");
  const base = argumentName(resolverData.info, argType);
  const options = { skipMissingProperties: true, forbidUnknownValues: false };
  const fields: FieldError[] = [];
  if (Array.isArray(argValue)) {
    for (const [i, item] of argValue.entries()) {
      if (item !== null && typeof item === "object") fields.push(...flattenValidationErrors(await validate(item, options), join(base, String(i))));
    }
  } else {
    fields.push(...flattenValidationErrors(await validate(argValue, options), base));
  }
  selfChecks(argValue, base, fields);
  if (fields.length) throw invalidInput(fields);
}
