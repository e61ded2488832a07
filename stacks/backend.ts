// Where an environment's state lives.
import { isAbsolute, posix, relative, resolve, sep } from "node:path";
import {
  CloudBackend,
  LocalBackend,
  Manifest,
  NamedCloudWorkspace,
  S3Backend,
  TerraformStack,
} from "cdktf";
import type { ResolvedBackend } from "../config/resolve";

/**
 * The project root as a path from `<outdir>/stacks/<stack>`, the folder cdktf runs
 * terraform in, where a relative local state path would otherwise start. Relative,
 * so that synthesized output carries no machine path while `outdir` is in the project.
 */
export function projectRootFromStackDir(projectRoot: string, outdir: string): string {
  const stackDir = resolve(projectRoot, outdir, Manifest.stacksFolder, "stack");
  return relative(stackDir, resolve(projectRoot)).split(sep).join("/") || ".";
}

/** That path for cdktf's default output folder, cdktf.out. */
export const DEFAULT_PROJECT_ROOT_FROM_STACK_DIR = "../../..";

/**
 * Adds the stack's backend. `projectRoot` is the project root as seen from the
 * stack's folder (see projectRootFromStackDir): relative local paths start there.
 */
export function configureBackend(
  stack: TerraformStack,
  backend: ResolvedBackend,
  region: string,
  projectRoot = DEFAULT_PROJECT_ROOT_FROM_STACK_DIR,
): void {
  switch (backend.kind) {
    case "local":
      // An absolute path is the user's choice of place, kept as written.
      new LocalBackend(stack, {
        path: isAbsolute(backend.path) ? backend.path : posix.join(projectRoot, backend.path),
      });
      return;
    case "s3": {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.key,
        region: backend.region ?? region,
        encrypt: backend.encrypt,
        kmsKeyId: backend.kmsKeyId,
        ...(backend.roleArn ? { assumeRole: { roleArn: backend.roleArn } } : {}),
      });
      // S3-native locking (Terraform >= 1.10); cdktf 0.21 has no prop for it.
      s3.addOverride("use_lockfile", true);
      return;
    }
    case "cloud":
      // No token here: terraform reads TF_TOKEN_<host> or the `terraform login` credentials.
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(backend.workspace, backend.project),
      });
      return;
  }
}
