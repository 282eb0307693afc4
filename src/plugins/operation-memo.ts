import type { OperationDefinitionNode } from "graphql";

/** Variables whose JSON is longer than this are not remembered (the work is done each time). */
export const MAX_MEMO_KEY_CHARS = 2_000;
/** Variable sets remembered per operation; the oldest is forgotten past this. */
export const MAX_MEMO_ENTRIES = 64;

/**
 * Remembers what a pure function of (operation, variables) computed, for the next request with the
 * same operation and the same variables. Apollo's document store hands every request with the same
 * query text the same parsed document, so the operation node is the key (held weakly: a document
 * the store drops takes its entries with it). Used for the work each request otherwise repeated on
 * a document already seen: the limits' cost walk and the planner's SQL text (issue 9: on the topic
 * and expert pages PostgreSQL's share is equal to the one-statement limit's; Node's is not).
 */
export class OperationMemo<T> {
  private readonly entries = new WeakMap<OperationDefinitionNode, Map<string, T>>();

  /** The value computed for these variables, or `compute()`'s (kept when `keep` accepts it). */
  get(operation: OperationDefinitionNode, variables: Record<string, unknown> | null | undefined, compute: () => T, keep: (value: T) => boolean = () => true): T {
    const key = variablesKey(variables);
    if (key === null) return compute();
    let byVariables = this.entries.get(operation);
    const known = byVariables?.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (value === undefined || !keep(value)) return value;
    if (!byVariables) this.entries.set(operation, (byVariables = new Map()));
    if (byVariables.size >= MAX_MEMO_ENTRIES) byVariables.delete(byVariables.keys().next().value as string);
    byVariables.set(key, value);
    return value;
  }
}

function variablesKey(variables: Record<string, unknown> | null | undefined): string | null {
  if (!variables) return "";
  let key: string;
  try {
    key = JSON.stringify(variables);
  } catch {
    return null;
  }
  return key.length > MAX_MEMO_KEY_CHARS ? null : key;
}
