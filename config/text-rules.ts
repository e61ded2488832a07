// Config text is data: free text becomes a Terraform literal when resolved
// (domains/terraform-literal.ts), but text holding a cdktf token marker cannot be
// made literal, since cdktf resolves the marker inside any string. Refused here,
// for every string and every key of the file, whatever key a later change adds.
import { cdktfTokenMarkerIn } from "../domains/terraform-literal";
import type { ConfigIssue, KeyPath } from "./issues";

/** One issue per string value or object key that holds a cdktf token marker. */
export function checkTokenText(data: unknown, at: KeyPath = []): ConfigIssue[] {
  if (typeof data === "string") {
    const marker = cdktfTokenMarkerIn(data);
    return marker ? [{ path: at, message: tokenMessage("", marker, data) }] : [];
  }
  if (Array.isArray(data)) return data.flatMap((v, i) => checkTokenText(v, [...at, i]));
  if (data === null || typeof data !== "object") return [];
  return Object.entries(data).flatMap(([k, v]) => {
    const marker = cdktfTokenMarkerIn(k);
    const own = marker ? [{ path: [...at, k], message: tokenMessage("the key ", marker, k) }] : [];
    return [...own, ...checkTokenText(v, [...at, k])];
  });
}

const tokenMessage = (what: string, marker: string, text: string) =>
  `${what}holds ${JSON.stringify(marker)}, the marker of a cdktf token, which cdktf would replace with a reference to another resource, got ${JSON.stringify(text)}. Fix: remove ${JSON.stringify(marker)}; certkit writes config text to Terraform only as literal text.`;
