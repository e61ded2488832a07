// Config snippets in docs/cloudflare.md and docs/endpoints.md load as they stand.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "./helpers";

const DOCS = ["docs/cloudflare.md", "docs/endpoints.md"];

/** The ```yaml blocks of a Markdown file. */
function yamlBlocks(file: string): string[] {
  const text = readFileSync(join(__dirname, "..", file), "utf8");
  return [...text.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

describe.each(DOCS)("%s", (file) => {
  it("has config snippets, and each loads", () => {
    const blocks = yamlBlocks(file);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(load(block).config.environments.length).toBeGreaterThan(0);
  });
});
