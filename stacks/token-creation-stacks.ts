// cdktf records a full stack trace for every token it creates (each attribute
// reference, each nested block of a provider binding: ~18 per certificate),
// even with `new App({ stackTraces: false })`, which only affects metadata. The
// traces serve nothing but a "created at" line in token resolution errors, and
// capturing and formatting them was about a third of the synthesis time of a
// 1,000-certificate config (see README, Performance). This turns them off.
//
// cdktf 0.21.0 is the last release and exports no switch, so this replaces the
// function in its private module; the bundle and plain Node load that module
// once, so every token class sees the replacement. main.ts skips this when
// CERTKIT_TOKEN_STACKS=1, to keep the traces while debugging a resolution error.

interface StackTraceModule {
  captureStackTrace: (below?: Function) => string[];
}

/** Stop cdktf from capturing token creation stacks; false if its module moved. */
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
