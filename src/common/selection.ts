import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";

/** Field names selected directly in a selection set, through fragments and inline fragments. */
function fieldsOf(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: Map<string, FieldNode[]>, seen = new Set<string>()): void {
  if (!set) return;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const list = into.get(sel.name.value);
      if (list) list.push(sel);
      else into.set(sel.name.value, [sel]);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      fieldsOf(sel.selectionSet, info, into, seen);
    } else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value);
      fieldsOf(info.fragments[sel.name.value]?.selectionSet, info, into, seen);
    }
  }
}

/**
 * The fields a connection's caller selects on its nodes (under `edges { node }` and `nodes`), so
 * that the statement reads only the columns it needs.
 */
export function selectedNodeFields(info: GraphQLResolveInfo): Set<string> {
  const top = new Map<string, FieldNode[]>();
  for (const node of info.fieldNodes) fieldsOf(node.selectionSet, info, top);
  const onNode = new Map<string, FieldNode[]>();
  for (const nodes of top.get("nodes") ?? []) fieldsOf(nodes.selectionSet, info, onNode);
  for (const edges of top.get("edges") ?? []) {
    const onEdge = new Map<string, FieldNode[]>();
    fieldsOf(edges.selectionSet, info, onEdge);
    for (const node of onEdge.get("node") ?? []) fieldsOf(node.selectionSet, info, onNode);
  }
  return new Set(onNode.keys());
}
