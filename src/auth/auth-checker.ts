import { GraphQLError } from "graphql";
import type { AuthCheckerFn } from "type-graphql";
import { ErrorCode } from "../common/errors";
import type { Context } from "../context";
import { type Viewer, hasRole } from "./api-key";
import { Role } from "./api-key.entity";

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401, headers: new Map([["www-authenticate", 'Bearer realm="newsgraph"']]) } } });
}

export function forbidden(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, ...extra } });
}

/** The viewer when it holds `role`; UNAUTHENTICATED when there is no valid key, FORBIDDEN when its role is too low. */
export async function requireRole(ctx: Context, role: Role): Promise<Viewer | null> {
  if (ctx.credentials.kind === "local") return ctx.credentials.viewer;
  const viewer = await ctx.viewer();
  if (!viewer) {
    const why =
      ctx.credentials.kind === "none"
        ? "This needs an API key: send Authorization: Bearer <key>"
        : ctx.credentials.kind === "malformed"
          ? "The Authorization header must be: Bearer <key>"
          : "The API key is not valid (unknown or revoked)";
    throw unauthenticated(why);
  }
  if (!hasRole(viewer, role)) throw forbidden(`This needs the ${role} role; the key "${viewer.name}" has ${viewer.role}`, { requiredRole: role, role: viewer.role });
  return viewer;
}

/** type-graphql's auth checker for `@Authorized(Role.EDITOR)`: throws coded errors rather than returning false. */
export const authChecker: AuthCheckerFn<Context> = async ({ context }, roles) => {
  const role = (roles[0] as Role | undefined) ?? Role.READER;
  await requireRole(context, role);
  return true;
};
