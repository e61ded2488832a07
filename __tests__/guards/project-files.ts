// The project's own files, for the guard tests: dependencies, build output and
// scratch folders are not the project's code.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const ROOT = join(__dirname, "..", "..");

const NOT_SOURCE = [
  "node_modules",
  "dist",
  "cdktf.out",
  "coverage",
  ".git",
  ".tmp",
  "review-out",
  ".terraform",
];

/**
 * Files below `dir` (relative to the project root) whose names match `pattern`,
 * as root-relative paths with "/". `skip` leaves out more folders, by name or by
 * root-relative path.
 */
export function projectFiles(pattern: RegExp, dir = "", skip: readonly string[] = []): string[] {
  const skipped = new Set([...NOT_SOURCE, ...skip]);
  const walk = (at: string): string[] =>
    readdirSync(join(ROOT, at), { withFileTypes: true }).flatMap((e) => {
      const rel = relative(ROOT, join(ROOT, at, e.name))
        .split(sep)
        .join("/");
      if (skipped.has(rel) || skipped.has(e.name)) return [];
      if (e.isDirectory()) return walk(rel);
      return pattern.test(e.name) ? [rel] : [];
    });
  return walk(dir);
}
