import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import { GraphQLError, defaultFieldResolver, execute, isAbstractType, isObjectType, type ExecutionResult, type GraphQLSchema, type SourceLocation } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import type { Logger } from "pino";
import type { Context } from "../context";

type Gateway = ApolloServerOptionsWithGateway<Context>["gateway"];
type Executor = NonNullable<Awaited<ReturnType<Gateway["load"]>>["executor"]>;

/** Operations whose compiled form is kept; the least recently used goes first. */
const CACHE_SIZE = 1_000;
interface Entry {
  /** The compiled operation; null when graphql-jit cannot compile it (graphql-js runs it). */
  compiled?: CompiledQuery | null;
}

/**
 * A bounded LRU of compiled operations, keyed by operation name and document text. A Map keeps
 * insertion order, so re-inserting on a hit makes the first key the least recently used.
 */
class OperationCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.entries.size;
  }

  entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
    } else {
      entry = {};
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, entry);
    return entry;
  }
}

/**
 * Fields whose parent object holds a function that graphql-js's default resolver calls (the
 * thunks of src/common/pagination.ts: a count is only run when asked for). graphql-jit compiles a
 * field without a resolver to a property read, so these get graphql-js's default resolver, which
 * changes nothing for graphql-js itself.
 */
function isThunkField(typeName: string, fieldName: string): boolean {
  if (typeName === "PageInfo") return fieldName === "hasNextPage" || fieldName === "hasPreviousPage";
  return typeName.endsWith("Connection") && (fieldName === "totalCount" || fieldName === "totalCountIsEstimate");
}

/**
 * Prepares the schema for graphql-jit, keeping graphql-js's answers: thunk fields get a resolver,
 * and abstract types resolve synchronously. type-graphql wraps every `resolveType` in an async
 * function, which graphql-js awaits but graphql-jit does not; both of this schema's (Node and
 * Speaker, src/common/graphql-types.ts) return the row's `__typename`, read here directly.
 */
function prepareSchema(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type)) {
      type.resolveType = (value: { __typename?: unknown } | null | undefined) => (typeof value?.__typename === "string" ? value.__typename : undefined);
      continue;
    }
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve && isThunkField(type.name, field.name)) field.resolve = defaultFieldResolver;
    }
  }
}

/**
 * graphql-jit's field errors are its own GraphQLError look-alike: no `nodes`, no `toJSON` of
 * its own, `extensions` undefined when the resolver's error had none (Apollo's error normalizer
 * reads `extensions.code` and would mask it as a formatting failure). Rebuilt here as graphql-js's
 * `locatedError` builds them: the resolver's error as `originalError` (what `formatError` unwraps
 * and keeps or masks), its extensions, the path, the locations.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  if (Object.getPrototypeOf(error) === GraphQLError.prototype) return error;
  const original = error.originalError;
  // graphql-js hands back, as it is, an error a resolver threw that already carries a path.
  if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: original ?? undefined, extensions: error.extensions ?? undefined });
  if (error.locations && error.locations.length > 0) (rebuilt as { locations?: readonly SourceLocation[] }).locations = error.locations;
  return rebuilt;
}

/**
 * Runs queries compiled by graphql-jit, once per document, instead of interpreting the document
 * on every request with graphql-js; mutations, subscriptions, what graphql-jit cannot compile and
 * requests whose variables do not coerce run through graphql-js as before.
 *
 * It is Apollo Server's gateway executor: the one place where Apollo lets another executor run
 * and still treats the result as its own (didEncounterErrors, variable errors made BAD_USER_INPUT,
 * formatError, the HTTP status). A `responseForOperation` plugin would skip all of those.
 */
export class CompiledExecution {
  private readonly cache = new OperationCache(CACHE_SIZE);
  private compileFailures = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly log: Logger,
  ) {
    prepareSchema(schema);
  }

  /** Compiled operations and failed compilations held, for tests and diagnostics. */
  get stats(): { cached: number; compileFailures: number } {
    return { cached: this.cache.size, compileFailures: this.compileFailures };
  }

  /** An Apollo Server `gateway` that serves {@link schema} and executes through {@link executor}. */
  gateway(): Gateway {
    const schema = this.schema;
    const executor = this.executor;
    return {
      onSchemaLoadOrUpdate(callback) {
        // Apollo only records the SDL for schema reporting, which this server does not use.
        callback({ apiSchema: schema, coreSupergraphSdl: "" });
        return () => undefined;
      },
      load: async () => ({ executor }),
      stop: async () => undefined,
    };
  }

  readonly executor: Executor = async (rc) => {
    const { request, document, operation } = rc;
    const context = rc.context as Context;
    const interpreted = (): Promise<ExecutionResult> | ExecutionResult =>
      execute({ schema: this.schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName });
    // No operation (an operationName the document does not hold): graphql-js's coded error.
    if (!operation || operation.operation !== "query" || rc.source === undefined) return interpreted();
    const entry = this.cache.entry(`${request.operationName ?? ""}\u0000${rc.source}`);
    if (entry.compiled === undefined) entry.compiled = this.compile(rc.document, request.operationName ?? undefined);
    if (entry.compiled === null) return interpreted();
    const result = (await entry.compiled.query(undefined, context, request.variables ?? {})) as ExecutionResult;
    // Variables that do not coerce: nothing has run yet, and graphql-js's errors carry the
    // variable's node, which Apollo turns into BAD_USER_INPUT with status 400.
    if (!("data" in result)) return interpreted();
    if (result.errors) (result as { errors: GraphQLError[] }).errors = result.errors.map(asGraphQLJsError);
    return result;
  };

  private compile(document: Parameters<typeof compileQuery>[1], operationName: string | undefined): CompiledQuery | null {
    try {
      // Errors keep their resolver error's stack; graphql-jit's own need none.
      const compiled = compileQuery(this.schema, document, operationName, { disablingCapturingStackErrors: true }) as CompiledQuery | ExecutionResult;
      if (isCompiledQuery(compiled)) {
        this.log.debug({ operationName }, "operation compiled");
        return compiled;
      }
      this.compileFailures++;
      this.log.debug({ errors: compiled.errors?.map((e) => e.message), operationName }, "graphql-jit cannot compile the operation; graphql-js runs it");
    } catch (err) {
      this.compileFailures++;
      this.log.warn({ err, operationName }, "graphql-jit failed compiling the operation; graphql-js runs it");
    }
    return null;
  }
}
