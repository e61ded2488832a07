// `npm run schema`: regenerates certkit.schema.json and docs/configuration.md from
// the zod schema (tests fail when either is stale).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { configurationMarkdown } from "../config/configuration-doc";
import { configJsonSchema } from "../config/json-schema";

const root = join(__dirname, "..", "..");
writeFileSync(join(root, "certkit.schema.json"), configJsonSchema());
writeFileSync(join(root, "docs", "configuration.md"), configurationMarkdown());
