// `npm run schema`: regenerates certkit.schema.json (a test fails when it is stale).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { configJsonSchema } from "../config/json-schema";

writeFileSync(join(__dirname, "..", "..", "certkit.schema.json"), configJsonSchema());
