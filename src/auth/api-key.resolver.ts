import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { announceCommit } from "../cache/invalidation";
import { expectGlobalId } from "../common/global-id";
import type { Context } from "../context";
import { Role } from "./api-key.entity";
import { CreateApiKeyInput } from "./api-key.inputs";
import { ApiKeyService } from "./api-key.service";
import { ApiKey, CreateApiKeyPayload, RevokeApiKeyPayload, Viewer } from "./api-key.type";

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => Viewer, { nullable: true, description: "The API key this request presented; null without one." })
  async viewer(@Ctx() ctx: Context): Promise<Viewer | null> {
    const viewer = await ctx.viewer();
    return viewer && { name: viewer.name, role: viewer.role };
  }

  @Authorized(Role.ADMIN)
  @Query(() => [ApiKey], { description: "API keys, oldest first (admin)." })
  apiKeys(@Ctx() ctx: Context, @Arg("includeRevoked", () => Boolean, { nullable: true, defaultValue: false }) includeRevoked: boolean | null) {
    return ApiKeyService.list(ctx, { includeRevoked: includeRevoked ?? false });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateApiKeyPayload, { description: "Creates an API key and returns it this once (admin)." })
  async createApiKey(@Ctx() ctx: Context, @Arg("input", () => CreateApiKeyInput) input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
    const created = await ApiKeyService.create(ctx, input, (await ctx.viewer())?.keyId ?? null);
    announceCommit(ctx);
    return created;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RevokeApiKeyPayload, { description: "Revokes an API key: the next request presenting it is refused. Revoking it again changes nothing (admin)." })
  async revokeApiKey(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<RevokeApiKeyPayload> {
    const keyId = expectGlobalId(id, ["ApiKey"], "id").id;
    const apiKey = await ApiKeyService.revoke(ctx, keyId);
    announceCommit(ctx);
    // Requests check keys against the database; open subscriptions learn it from this.
    ctx.pubsub.publish("KEY_REVOKED", { keyId });
    return { apiKey };
  }
}
