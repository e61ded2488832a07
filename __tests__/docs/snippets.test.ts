// Every config snippet and command in README.md and docs/*.md works as shown:
// a ```yaml block loads (or is marked as a fragment, or as an error with its exact
// output), every `npm run` script, `cdktf` and `certkit` command exists, tables stay
// readable raw, links resolve and every page is listed in the README.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { parseDocument } from "yaml";
import { ConfigError } from "../../config/issues";
import { loadConfigText } from "../../config/load";
import { ROOT, Block, blocksOf, docPages, readPage } from "./pages";

const PAGES = docPages();
const BLOCKS = PAGES.flatMap((p) => blocksOf(p));
const where = (b: Block) => `${b.page}:${b.line}`;

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  bin?: Record<string, string>;
};

/** cdktf's commands, read from the installed CLI (`command="deploy [stacks...]"`). */
const CDKTF_COMMANDS = new Set(
  [
    ...readFileSync(require.resolve("cdktf-cli/bundle/bin/cdktf.js"), "utf8").matchAll(
      /command="([a-z-]+)/g,
    ),
  ].map((m) => m[1]),
);
/** The `certkit` CLI's commands (issue 11): adopt, check, review. */
const CERTKIT_COMMANDS = new Set(["adopt", "check", "review"]);

/** What is wrong with one shell command as the docs show it, or undefined. */
function commandProblem(command: string): string | undefined {
  const words = command
    .trim()
    .replace(/^\$\s+/, "")
    .split(/\s+/);
  const [tool, sub, arg] = words[0] === "npx" ? words.slice(1) : words;
  if ([sub, arg].some((w) => w?.startsWith("<"))) return undefined; // a placeholder: `npm run <script>`
  if (tool === "npm" && sub === "run") {
    if (!(arg in pkg.scripts)) return `npm run ${arg}: no such script in package.json`;
    const dash = words.indexOf("--");
    return dash < 0 ? undefined : unknownOption(arg, words.slice(dash + 1));
  }
  if (tool === "npm" && (sub === "test" || sub === "start")) {
    return sub in pkg.scripts ? undefined : `npm ${sub}: no such script in package.json`;
  }
  if (tool === "cdktf") {
    return CDKTF_COMMANDS.has(sub) ? undefined : `cdktf ${sub}: not a cdktf command`;
  }
  if (tool === "certkit") {
    if (!pkg.bin?.certkit) return `certkit ${sub ?? ""}: package.json has no certkit bin`;
    // `npx certkit` alone names the tool.
    return sub === undefined || CERTKIT_COMMANDS.has(sub)
      ? undefined
      : `certkit ${sub}: not a certkit command`;
  }
  // dist/ is the bundle, built on first run.
  if (tool === "node" && sub && /\.(js|ts)$/.test(sub) && !sub.startsWith("dist/")) {
    return existsSync(join(ROOT, sub)) ? undefined : `node ${sub}: no such file`;
  }
  return undefined;
}

/**
 * An option given after `--` that the script's file never mentions (`npm run review -- --layout stacks`
 * runs `certkit review`, cli/review.ts, which must know `--layout`).
 */
function unknownOption(script: string, args: string[]): string | undefined {
  // `node bin/certkit.js <command>` runs cli/<command>.ts; `node scripts/ts.js scripts/x.ts`
  // runs the last file named.
  const command = /\bbin\/certkit\.js (\w+)/.exec(pkg.scripts[script])?.[1];
  const file = command
    ? `cli/${command}.ts`
    : [...pkg.scripts[script].matchAll(/\bscripts\/[\w.-]+\.(?:ts|js)\b/g)].pop()?.[0];
  if (!file) return undefined;
  const source = readFileSync(join(ROOT, file), "utf8");
  const unknown = args.filter((a) => /^--[a-z]/.test(a) && !source.includes(`"${a}"`));
  return unknown.length
    ? `npm run ${script}: ${file} has no option ${unknown.join(", ")}`
    : undefined;
}

/** The commands of a shell block: one a line, comments dropped, `&&` chains split. */
const shellCommands = (body: string) =>
  body
    .split("\n")
    .map((l) => l.replace(/(^|\s)#.*$/, "").trim())
    .filter(Boolean)
    .flatMap((l) => l.split(/\s*(?:&&|\|\||;)\s*/));

/** Inline code spans of a page outside its code blocks. */
function inlineCode(page: string): string[] {
  const text = readPage(page).replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, "");
  return [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
}

describe("docs snippets", () => {
  it("are found on every page", () => {
    expect(PAGES).toEqual(expect.arrayContaining(["README.md", "docs/configuration.md"]));
    expect(BLOCKS.filter((b) => b.lang === "yaml").length).toBeGreaterThan(5);
  });

  it("use only known markers", () => {
    const known = ["fragment", "error", "config", "terraform"];
    expect(
      BLOCKS.filter((b) => b.marker && !known.includes(b.marker.kind)).map(
        (b) => `${where(b)}: certkit:${b.marker!.kind}`,
      ),
    ).toEqual([]);
  });

  const yaml = BLOCKS.filter((b) => b.lang === "yaml");

  it.each(yaml.map((b) => [where(b), b.marker?.kind ?? "config", b] as const))(
    "%s (%s) works as shown",
    (_, kind, b) => {
      if (kind === "fragment") {
        // Part of a config: it must still be YAML.
        expect(parseDocument(b.body).errors.map((e) => e.message)).toEqual([]);
        return;
      }
      if (kind !== "error") {
        expect(() => loadConfigText(b.body)).not.toThrow();
        return;
      }
      let message: string | undefined;
      try {
        loadConfigText(b.body);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        message = e.message;
      }
      expect(message).toBeDefined();
      // The output block right after it, if any, is the exact message.
      const next = BLOCKS[BLOCKS.indexOf(b) + 1];
      if (next?.page === b.page && next.followsPrevious && ["", "text"].includes(next.lang)) {
        expect(`${message}\n`).toEqual(next.body);
      }
    },
  );

  it.each(PAGES)("%s names only npm scripts and CLI commands that exist", (page) => {
    const commands = [
      ...BLOCKS.filter((b) => b.page === page && ["sh", "shell", "bash"].includes(b.lang)).flatMap(
        (b) => shellCommands(b.body),
      ),
      ...inlineCode(page).filter((c) => /^(npx |npm |cdktf |certkit |node )/.test(c)),
    ];
    expect(commands.map(commandProblem).filter(Boolean)).toEqual([]);
  });

  it("README starts with the two commands, and their scripts exist", () => {
    const first = BLOCKS.find((b) => b.page === "README.md" && b.lang === "sh");
    const lines = first?.body.split("\n").map((l) => l.replace(/\s+#.*$/, ""));
    expect(lines?.slice(0, 2)).toEqual(["npm ci && npm run synth", "npm test"]);
    expect([typeof pkg.scripts.synth, typeof pkg.scripts.test]).toEqual(["string", "string"]);
  });
});

describe("docs pages", () => {
  it.each(PAGES)("%s has no table cell over 200 characters", (page) => {
    const long = readPage(page)
      .split("\n")
      .filter((l) => l.startsWith("|"))
      .flatMap((l) => l.slice(1, -1).split(/(?<!\\)\|/))
      .map((c) => c.trim())
      .filter((c) => c.length > 200);
    expect(long).toEqual([]);
  });

  it.each(PAGES)("%s links only to files and headings that exist", (page) => {
    const text = readPage(page).replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, "");
    const broken = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1])
      .filter((href) => !/^[a-z]+:/.test(href))
      .filter((href) => {
        const [path, fragment] = href.split("#");
        const target = path ? normalize(join(dirname(page), path)) : page;
        if (!existsSync(join(ROOT, target))) return true;
        return fragment !== undefined && target.endsWith(".md") && !anchors(target).has(fragment);
      });
    expect(broken).toEqual([]);
  });

  it("are all listed in the README", () => {
    const readme = readPage("README.md");
    expect(PAGES.filter((p) => p !== "README.md" && !readme.includes(`](${p})`))).toEqual([]);
  });
});

/** GitHub's anchors for a page's headings. */
function anchors(page: string): Set<string> {
  const text = readPage(page).replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, "");
  return new Set(
    [...text.matchAll(/^#+\s+(.+)$/gm)].map((m) =>
      m[1]
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-"),
    ),
  );
}
