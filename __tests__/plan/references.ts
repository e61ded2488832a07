// Rewrites resource references inside Terraform JSON-syntax strings.
//
// In Terraform's JSON syntax most string values are templates: literal text with
// `${ expr }` / `%{ directive }` parts. References only live inside those parts,
// and string literals inside an expression are templates again, so a plain regex
// over the whole string would also hit literal text. This scanner finds the
// expression parts, hides their string literals behind placeholders (rewriting the
// templates inside them recursively), and only then applies the reference regex.

/** Rewrites the code of one expression whose string literals are masked out. */
export type CodeRewriter = (code: string) => string;

// NUL cannot occur in Terraform JSON text: a safe placeholder delimiter.
// eslint-disable-next-line no-control-regex
const PLACEHOLDER = /\u0000(\d+)\u0000/g;

/** Rewrites every `${...}` / `%{...}` part of a JSON-syntax template string. */
export function rewriteTemplate(template: string, rewrite: CodeRewriter): string {
  return scanTemplate(template, 0, false, rewrite).out;
}

/**
 * Rewrites a bare expression: the "static" positions of Terraform JSON
 * (`depends_on`, `replace_triggered_by`, `moved.from`) hold `aws_x.y`, not `${aws_x.y}`.
 */
export function rewriteBareExpression(expr: string, rewrite: CodeRewriter): string {
  if (expr.includes("${")) return rewriteTemplate(expr, rewrite);
  return scanExpression(`${expr}}`, 0, rewrite).out;
}

interface Scanned {
  out: string;
  /** Index just past the consumed text (past the closing quote or brace). */
  end: number;
}

function isOpener(s: string, i: number): boolean {
  return (s[i] === "$" || s[i] === "%") && s[i + 1] === "{";
}

function isEscapedOpener(s: string, i: number): boolean {
  return (s.startsWith("$${", i) || s.startsWith("%%{", i)) && s[i] === s[i + 1];
}

/** Template text up to the end of the string, or up to an unescaped `"` if quoted. */
function scanTemplate(s: string, start: number, quoted: boolean, rewrite: CodeRewriter): Scanned {
  let out = "";
  let i = start;
  while (i < s.length) {
    if (quoted && s[i] === '"') return { out, end: i + 1 };
    if (quoted && s[i] === "\\") {
      out += s.slice(i, i + 2);
      i += 2;
    } else if (isEscapedOpener(s, i)) {
      out += s.slice(i, i + 3);
      i += 3;
    } else if (isOpener(s, i)) {
      const inner = scanExpression(s, i + 2, rewrite);
      out += `${s.slice(i, i + 2)}${inner.out}}`;
      i = inner.end;
    } else {
      out += s[i];
      i += 1;
    }
  }
  if (quoted) throw new Error(`unterminated string literal in: ${s}`);
  return { out, end: i };
}

/** Expression code up to its matching `}`; string literals are masked while rewriting. */
function scanExpression(s: string, start: number, rewrite: CodeRewriter): Scanned {
  const literals: string[] = [];
  let code = "";
  let depth = 0;
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      const literal = scanTemplate(s, i + 1, true, rewrite);
      code += `\u0000${literals.length}\u0000`;
      literals.push(`"${literal.out}"`);
      i = literal.end;
      continue;
    }
    if (c === "}" && depth === 0) {
      const out = rewrite(code).replace(PLACEHOLDER, (_m, n: string) => literals[Number(n)]);
      return { out, end: i + 1 };
    }
    if (c === "{") depth += 1;
    if (c === "}") depth -= 1;
    code += c;
    i += 1;
  }
  throw new Error(`unterminated \${...} in: ${s}`);
}
