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

function join(base: string, property: string): string {
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
  if (fields.length) throw invalidInput(fields);
}
