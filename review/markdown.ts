// Markdown pieces the review pages share. Pure.
import type { ResolvedBackend } from "../config/resolve";
import { capabilitiesOf } from "../domains/dns-hosts";
import { ReviewLayout, hclFile } from "./layout";

export const code = (s: string) => `\`${s}\``;

/** A Markdown table; `|` in cells escaped. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Where a stack's state lives, in words. */
export function backendText(b: ResolvedBackend): string {
  switch (b.kind) {
    case "local":
      return `local file ${code(b.path)}`;
    case "s3":
      return `S3 ${code(`s3://${b.bucket}/${b.key}`)}`;
    case "cloud":
      return `Terraform Cloud ${code(b.organization)}, workspace ${code(b.workspace)}${b.project ? `, project ${code(b.project)}` : ""}`;
  }
}

/** Links to the stacks' HCL files, where the layout puts them. */
export function stackLinks(stacks: readonly string[], layout: ReviewLayout = "flat"): string {
  return stacks.map((s) => `[${hclFile(s, layout)}](${hclFile(s, layout)})`).join(", ");
}

/** A DNS host in words, with the role that writes to a zone in another account: `Route 53 via role `arn:...``. */
export function hostText(host: string, roleArn?: string): string {
  return `${capabilitiesOf(host).label}${roleArn ? ` via role ${code(roleArn)}` : ""}`;
}
