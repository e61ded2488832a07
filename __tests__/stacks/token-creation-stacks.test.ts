// Turning off cdktf's token creation stacks must change nothing but speed.
import { Lazy } from "cdktf";
import { disableTokenCreationStacks } from "../../stacks/token-creation-stacks";
import { synthEnvironment, yaml } from "../helpers";

const config = yaml`
  cloudflare:
    zones:
      example.com: {}
  environments:
    prod:
      region: eu-west-1
      accountId: "123456789012"
      certificates:
        web:
          domains: [example.com, "*.example.com", api.example.com]
        admin:
          domains: [admin.example.com]
`;

interface StackTraceModule {
  captureStackTrace: () => string[];
}
const stackTraceModule = () => require("cdktf/lib/tokens/private/stack-trace") as StackTraceModule;

describe("disableTokenCreationStacks", () => {
  // One order for the whole file: jest gives each test file its own module registry.
  const before = synthEnvironment(config);
  const traced = Lazy.anyValue({ produce: () => "x" });
  const disabled = disableTokenCreationStacks();

  it("finds cdktf's stack-trace module", () => {
    expect(disabled).toBe(true);
    expect(traced.creationStack.length).toBeGreaterThan(0);
    expect(stackTraceModule().captureStackTrace()).toEqual([]);
    expect(Lazy.anyValue({ produce: () => "x" }).creationStack).toEqual([]);
  });

  it("leaves the synthesized stack unchanged", () => {
    expect(synthEnvironment(config)).toEqual(before);
  });
});
