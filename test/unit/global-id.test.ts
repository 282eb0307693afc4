import { randomUUID } from "node:crypto";
import { parseGlobalId, toGlobalId } from "../../src/common/global-id";

test("global ids round-trip and are opaque", () => {
  const uuid = randomUUID();
  const id = toGlobalId("Expert", uuid);
  expect(id).not.toContain(uuid);
  expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(parseGlobalId(id)).toEqual({ type: "Expert", id: uuid });
});

test.each(["", "garbage", "!!", Buffer.from("Expert:not-a-uuid").toString("base64url"), Buffer.from(`Nope:${randomUUID()}`).toString("base64url"), "x".repeat(200)])(
  "%p is not a global id",
  (value) => {
    expect(parseGlobalId(value)).toBeNull();
  },
);
