// Tests synthesize in-process, as main.ts does: the same cdktf workaround keeps
// Node 22+ from printing cdktf's util.isArray deprecation (stacks/cdktf-workarounds.ts).
import { quietDeprecatedUtilIsArray } from "../../stacks/cdktf-workarounds";

quietDeprecatedUtilIsArray();
