import { type GraphQLInputType, type GraphQLResolveInfo, type GraphQLSchema, GraphQLError, GraphQLNonNull, coerceInputValue, getNamedType, isInputType } from "graphql";
import { type ValidationError, validateSync } from "class-validator";
import { getMetadataStorage } from "type-graphql";
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
  const base = argumentName(resolverData.info, argType);
  const fields = Array.isArray(argValue)
    ? argValue.flatMap((item: unknown, i) => (item !== null && typeof item === "object" ? validateInstance(item, join(base, String(i))) : []))
    : validateInstance(argValue, base);
  if (fields.length) throw invalidInput(fields);
}

type InputClass<T> = abstract new (...args: never[]) => T;

interface InputTree {
  target: InputClass<unknown>;
  /** Nested input fields: their name and the tree of their type. */
  nested: Array<[string, InputTree]>;
}

const trees = new Map<unknown, InputTree | null>();

/** The input fields of an @InputType class (inherited ones included) whose type is itself an input class. */
function inputTree(target: unknown): InputTree | null {
  if (trees.has(target)) return trees.get(target)!;
  const storage = getMetadataStorage();
  const own = storage.inputTypes.find((t) => t.target === target);
  if (!own) {
    trees.set(target, null);
    return null;
  }
  const tree: InputTree = { target: target as InputClass<unknown>, nested: [] };
  trees.set(target, tree);
  const fields = new Map<string, () => unknown>();
  for (let cls = target as { prototype?: unknown }; cls && cls.prototype !== undefined; cls = Object.getPrototypeOf(cls)) {
    for (const f of storage.inputTypes.find((t) => t.target === cls)?.fields ?? []) if (!fields.has(f.name)) fields.set(f.name, () => f.getType());
  }
  for (const [name, getType] of fields) {
    const child = inputTree(getType());
    if (child) tree.nested.push([name, child]);
  }
  return tree;
}

function toInstances(tree: InputTree, value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => toInstances(tree, item));
  const instance = Object.assign(Object.create((tree.target as unknown as { prototype: object }).prototype) as object, value) as Record<string, unknown>;
  for (const [name, child] of tree.nested) if (instance[name] != null) instance[name] = toInstances(child, instance[name]);
  return instance;
}

/**
 * Validates a plain JSON value that did not come through a GraphQL request (an NDJSON line, the
 * extractor's output) as the input class `cls`, exactly as the API would: GraphQL coercion of
 * types, enums and scalars (dates become Date), then class-validator and every `check()`, with
 * the same field paths (`input.quotes[2].text`). Returns the input instance or every violation.
 */
export function validateInput<T>(schema: GraphQLSchema, cls: InputClass<T>, value: unknown, base = "input"): { value: T; errors?: undefined } | { value?: undefined; errors: FieldError[] } {
  const meta = getMetadataStorage().inputTypes.find((t) => t.target === cls);
  const type = meta ? schema.getType(meta.name) : undefined;
  if (!type || !isInputType(type)) throw new Error(`${cls.name} is not an input type of this schema`);
  const errors: FieldError[] = [];
  const coerced: unknown = coerceInputValue(value, new GraphQLNonNull(type as GraphQLInputType), (path, _invalid, error) => {
    const field = path.reduce<string>((at, key) => join(at, String(key)), base);
    errors.push({ field, message: error.message.replace(/^Expected value of type/, "expected"), constraint: "type" });
  });
  if (errors.length) return { errors };
  const instance = toInstances(inputTree(cls)!, coerced) as T;
  errors.push(...validateInstance(instance as object, base));
  return errors.length ? { errors } : { value: instance };
}

/** class-validator and every `check()` over an input instance (one GraphQL already coerced), with field paths from `base`. */
export function validateInstance(instance: object, base = ""): FieldError[] {
  const errors = flattenValidationErrors(validateSync(instance, { skipMissingProperties: true, forbidUnknownValues: false }), base);
  selfChecks(instance, base, errors);
  return errors;
}
