import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configJsonSchema } from "../../config/json-schema";

describe("certkit.schema.json", () => {
  it("matches the schema the loader validates with", () => {
    const committed = readFileSync(join(__dirname, "..", "..", "certkit.schema.json"), "utf8");
    if (committed !== configJsonSchema()) {
      throw new Error("certkit.schema.json is stale: run `npm run schema` and commit the result.");
    }
  });
});
