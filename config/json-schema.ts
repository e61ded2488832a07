// certkit.schema.json, generated from the same zod schema the loader validates with.
import { z } from "zod";
import { ConfigSchema } from "./schema";

/** The config's JSON schema (input side: defaults are optional), as an object. */
export function configSchemaObject(): Record<string, unknown> {
  return z.toJSONSchema(ConfigSchema, { io: "input", unrepresentable: "any" });
}

export function configJsonSchema(): string {
  return `${JSON.stringify({ ...configSchemaObject(), $id: "certkit.schema.json" }, null, 2)}\n`;
}
