// Where an environment's state lives.
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from "cdktf";
import type { ResolvedBackend } from "../config/resolve";

/** cdktf runs terraform in cdktf.out/stacks/<name>: relative paths start there. */
const PROJECT_ROOT_FROM_STACK_DIR = "../../..";

export function configureBackend(
  stack: TerraformStack,
  backend: ResolvedBackend,
  region: string,
): void {
  switch (backend.kind) {
    case "local":
      // Relative, so state and synthesized output never carry this machine's paths.
      new LocalBackend(stack, { path: `${PROJECT_ROOT_FROM_STACK_DIR}/${backend.path}` });
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
