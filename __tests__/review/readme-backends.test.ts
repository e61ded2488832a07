// README, "Terraform Cloud": each documented config synthesizes exactly the
// documented `terraform` block (the `cloud` and `s3` backends).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { JsonObject } from "../../review/hcl";
import { ROOT, reviewOfText, stackJson } from "./helpers";

const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The fenced block after each `<!-- certkit:<kind> <args> -->` marker, by its args. */
function documented(kind: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const marker = new RegExp(
    `<!-- certkit:${kind} ([^>]+?) -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``,
    "g",
  );
  for (const [, args, body] of README.matchAll(marker)) blocks.set(args.trim(), body);
  return blocks;
}

const configs = documented("readme-config");
const terraform = documented("readme-terraform");

test("the README documents the cloud and s3 backends", () => {
  expect([...configs.keys()].sort()).toEqual(["cloud", "s3"]);
  expect([...terraform.keys()].map((k) => k.split(" ")[0]).sort()).toEqual(["cloud", "s3"]);
});

test.each([...terraform.keys()])(
  "README config %s synthesizes the documented terraform block",
  (key) => {
    const [name, stack] = key.split(" ");
    const { stacks } = reviewOfText(configs.get(name)!);
    const { required_providers: _, ...synthesized } = stackJson(stacks, stack)
      .terraform as JsonObject;
    expect({ terraform: synthesized }).toEqual(JSON.parse(terraform.get(key)!));
  },
);
