// Workarounds for cdktf 0.21.0, the last release (HashiCorp archived CDKTF on
// 2025-12-10): none of these will be fixed upstream, so they live here
// together. Each was checked against cdktf 0.21.0; re-check each on any move
// (to the cdktn fork, say) and delete the ones the new version no longer needs.
import { TerraformStack } from "cdktf";

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

/**
 * 1. Token creation stacks. cdktf records a full stack trace for every token it
 * creates (each attribute reference, each nested block of a provider binding:
 * ~18 per certificate), even with `new App({ stackTraces: false })`, which only
 * affects metadata. The traces serve nothing but a "created at" line in token
 * resolution errors, and capturing them was about a third of the synthesis time
 * of a 1,000-certificate config (docs/performance.md). cdktf exports no switch,
 * so this replaces the function in its private module; the bundle and plain
 * Node load that module once, so every token class sees the replacement.
 * main.ts skips this when CERTKIT_TOKEN_STACKS=1, to keep the traces while
 * debugging a resolution error. Returns false if the module moved.
 */
export function disableTokenCreationStacks(): boolean {
  let mod: StackTraceModule;
  try {
    // A literal require, not import: esbuild then bundles the very module cdktf uses
    // (a namespace import would be a read-only copy of it).
    mod = require("cdktf/lib/tokens/private/stack-trace") as StackTraceModule;
  } catch {
    return false;
  }
  if (typeof mod.captureStackTrace !== "function") return false;
  mod.captureStackTrace = () => [];
  return true;
}

/**
 * 2. `util.isArray`. cdktf's TerraformOutput calls it (lib/terraform-output.js,
 * isITerraformAddressable); Node 22 and later print DEP0044 on its first call,
 * so every synthesis with an output warned on stderr. The deprecated function
 * is exactly `Array.isArray`: putting that in its place keeps the behaviour and
 * drops the warning. cdktf reads `util.isArray` at call time, so this works
 * whenever it runs before synthesis.
 */
export function quietDeprecatedUtilIsArray(): void {
  const util = require("node:util") as { isArray: (v: unknown) => boolean };
  if (util.isArray !== Array.isArray) util.isArray = Array.isArray;
}

/** Every workaround that changes nothing but speed and noise: what main.ts and the review use. */
export function applyCdktfWorkarounds(options: { tokenStacks?: boolean } = {}): void {
  quietDeprecatedUtilIsArray();
  if (!options.tokenStacks) disableTokenCreationStacks();
}

/**
 * 3. The cross-stack discovery pass. Before writing anything, cdktf's App.synth
 * resolves every element of every stack once only to discover cross-stack
 * references (a reference to another stack's resource becomes an output there
 * and a remote-state lookup here), then resolves everything again to write it.
 * An environment's stack is built from the config alone and deployed on its
 * own (`cdktf deploy <env>`), so that first pass finds nothing; it was a third
 * of cdktf's synthesis time for 1,000 certificates (docs/performance.md).
 *
 * __tests__/stacks/cdktf-workarounds.test.ts synthesizes every example with and
 * without the pass and expects identical output. If a stack ever needs a value
 * from another stack, extend TerraformStack instead: the test fails until then.
 */
export abstract class SelfContainedStack extends TerraformStack {
  /** cdktf's preparation without the cross-stack discovery pass. */
  prepareStack(): void {
    this.ensureBackendExists();
  }
}
