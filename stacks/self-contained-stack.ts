// A stack that reads no other stack's values. Before writing anything, cdktf's
// App.synth resolves every element of every stack once only to discover
// cross-stack references (a reference to another stack's resource becomes an
// output there and a remote-state lookup here), then resolves everything again
// to write it. An environment's stack is built from the config alone and is
// deployed on its own (`cdktf deploy <env>`), so that first pass finds nothing;
// it was a third of cdktf's synthesis time for 1,000 certificates (README, Performance).
//
// __tests__/stacks/self-contained-stack.test.ts synthesizes every example with
// and without the pass and expects identical output. If a stack ever needs a
// value from another stack, extend TerraformStack instead: the test fails until then.
import { TerraformStack } from "cdktf";

export abstract class SelfContainedStack extends TerraformStack {
  /** cdktf's preparation without the cross-stack discovery pass. */
  prepareStack(): void {
    this.ensureBackendExists();
  }
}
