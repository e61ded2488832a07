// certkit.schema.json, generated from the same zod schema the loader validates with.
import { z } from "zod";
import { ConfigSchema } from "./schema";

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(ConfigSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, $id: "certkit.schema.json" }, null, 2)}\n`;
}
