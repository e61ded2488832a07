import { Testing, TerraformStack } from "cdktf";
import { assumeRole } from "../../modules/assume-role";
import { AwsProvider } from "../../modules/provider-imports";
import type { SynthJson } from "../helpers";

const ROLE = "arn:aws:iam::123456789012:role/certkit-deploy";

/** The `assume_role` block an AWS provider synthesizes with `assumeRole(...args)`. */
function synthesized(...args: Parameters<typeof assumeRole>): unknown {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: "eu-west-1", assumeRole: assumeRole(...args) });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  return json.provider?.aws[0].assume_role;
}

describe("assumeRole", () => {
  it("gives role_arn and the default session name certkit", () => {
    expect(synthesized(ROLE)).toEqual([{ role_arn: ROLE, session_name: "certkit" }]);
  });

  it("adds external_id when one is given", () => {
    expect(synthesized(ROLE, "a1b2-c3", "certkit-shop-prod")).toEqual([
      { role_arn: ROLE, external_id: "a1b2-c3", session_name: "certkit-shop-prod" },
    ]);
  });

  it("fails when the session name is not one STS takes", () => {
    expect(() => assumeRole(ROLE, undefined, "certkit prod")).toThrow(
      'assumeRole: session name must be 2 to 64 characters of letters, digits and "+=,.@_-", got "certkit prod"',
    );
    expect(() => assumeRole(ROLE, undefined, "c".repeat(65))).toThrow(/got "c{65}"/);
  });
});
