// No import cycle among the project's TypeScript files, type imports included:
// config flows one way (parse -> validate -> resolve -> build), and a cycle,
// even of types only, is two layers that each know the other.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import * as ts from "typescript";
import { ROOT, projectFiles } from "./project-files";

/** The project files `file` imports (import, import type, export from, require, import()). */
export function importsOf(file: string, text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((m) => m.startsWith("."))
    .flatMap((m) => {
      const base = resolve(dirname(file), m);
      const found = [`${base}.ts`, join(base, "index.ts"), base].find(
        (p) => p.endsWith(".ts") && existsSync(p),
      );
      return found ? [found] : [];
    });
}

/** Every cycle's files, each cycle once, found by depth-first search. */
export function cyclesIn(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

describe("import cycles", () => {
  it("finds a cycle of type imports, and none in an acyclic graph", () => {
    const a = join(ROOT, "a.ts");
    expect(importsOf(join(ROOT, "config", "x.ts"), 'import type { T } from "./load";')).toEqual([
      join(ROOT, "config", "load.ts"),
    ]);
    expect(
      cyclesIn(
        new Map([
          [a, ["b"]],
          ["b", ["c"]],
          ["c", [a]],
        ]),
      ),
    ).toEqual([[a, "b", "c", a]]);
    expect(
      cyclesIn(
        new Map([
          [a, ["b", "c"]],
          ["b", ["c"]],
          ["c", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("has none among the project's TypeScript files", () => {
    const graph = new Map(
      projectFiles(/(?<!\.d)\.ts$/)
        .map((f) => join(ROOT, f))
        .map((f) => [f, importsOf(f, readFileSync(f, "utf8"))] as const),
    );
    expect(graph.size).toBeGreaterThan(50);
    const shown = cyclesIn(graph).map((c) =>
      c.map((f) => relative(ROOT, f).split(sep).join("/")).join(" -> "),
    );
    expect(shown).toEqual([]);
  });
});
