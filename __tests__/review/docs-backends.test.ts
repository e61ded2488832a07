// docs/terraform-cloud.md: each documented config synthesizes exactly the
// documented `terraform` block (the `cloud` and `s3` backends).
import type { JsonObject } from "../../review/hcl";
import { docBlocks } from "../docs/pages";
import { reviewOfText, stackJson } from "./helpers";

const configs = docBlocks("config");
const terraform = docBlocks("terraform");

test("the docs document the cloud and s3 backends", () => {
  expect([...configs.keys()].sort()).toEqual(expect.arrayContaining(["cloud", "s3"]));
  expect([...terraform.keys()].map((k) => k.split(" ")[0]).sort()).toEqual(["cloud", "s3"]);
});

test.each([...terraform.keys()])(
  "documented config %s synthesizes the documented terraform block",
  (key) => {
    const [name, stack] = key.split(" ");
    const { stacks } = reviewOfText(configs.get(name)!);
    const { required_providers: _, ...synthesized } = stackJson(stacks, stack)
      .terraform as JsonObject;
    expect({ terraform: synthesized }).toEqual(JSON.parse(terraform.get(key)!));
  },
);
