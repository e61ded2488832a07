// HCL expressions and templates as tokens, spaced the way `terraform fmt` spaces
// them (hclwrite's spaceAfterToken rules), so that formatting needs no terraform.

export type TokenType =
  | "ident"
  | "number"
  | "oquote"
  | "cquote"
  | "lit" // literal text of a quoted template, already escaped for HCL
  | "interp" // ${
  | "control" // %{
  | "seqend" // the } closing ${ or %{
  | "oparen"
  | "cparen"
  | "obrack"
  | "cbrack"
  | "obrace"
  | "cbrace"
  | "comma"
  | "dot"
  | "ellipsis"
  | "dcolon"
  | "colon"
  | "question"
  | "equal"
  | "minus"
  | "comparison" // == != < <= > >=
  | "logical" // && || !
  | "arith" // + * / %
  | "arrow"; // =>

export interface Token {
  readonly type: TokenType;
  readonly text: string;
}

/** Thrown for what the tokenizer does not handle (heredocs, comments, newlines, strip markers). */
export class UnsupportedExpression extends Error {}

const PUNCTUATION: [string, TokenType][] = [
  ["...", "ellipsis"],
  ["::", "dcolon"],
  ["=>", "arrow"],
  ["==", "comparison"],
  ["!=", "comparison"],
  ["<=", "comparison"],
  [">=", "comparison"],
  ["&&", "logical"],
  ["||", "logical"],
  ["(", "oparen"],
  [")", "cparen"],
  ["[", "obrack"],
  ["]", "cbrack"],
  [",", "comma"],
  [".", "dot"],
  [":", "colon"],
  ["?", "question"],
  ["=", "equal"],
  ["<", "comparison"],
  [">", "comparison"],
  ["!", "logical"],
  ["-", "minus"],
  ["+", "arith"],
  ["*", "arith"],
  ["/", "arith"],
  ["%", "arith"],
];
const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;
const NUMBER = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/;

/**
 * Tokens of a template: a Terraform JSON string, where text is literal except
 * `${...}` and `%{...}`. Literal text is escaped for a quoted HCL string.
 */
export function templateTokens(source: string): Token[] {
  const tokens: Token[] = [];
  const end = scanTemplate(source, 0, tokens, false);
  if (end !== source.length) throw new UnsupportedExpression(`unexpected '"' in ${source}`);
  return tokens;
}

/**
 * The HCL for a Terraform JSON string: a bare expression when it is a single
 * interpolation (`"${a.b}"` -> `a.b`, the same value), else a quoted template.
 */
export function stringValue(source: string): string {
  let tokens: Token[];
  try {
    tokens = templateTokens(source);
  } catch (e) {
    if (!(e instanceof UnsupportedExpression)) throw e;
    return `"${source.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  }
  const [first, last] = [tokens[0], tokens[tokens.length - 1]];
  if (
    first?.type === "interp" &&
    last?.type === "seqend" &&
    closingIndex(tokens, 0) === tokens.length - 1
  ) {
    return joinTokens(tokens.slice(1, -1));
  }
  return joinTokens([{ type: "oquote", text: '"' }, ...tokens, { type: "cquote", text: '"' }]);
}

/** A string that Terraform takes literally (backend settings, descriptions), quoted for HCL. */
export function literalString(value: string): string {
  const escaped = escapeLiteral(value).replace(/([$%])\{/g, "$1$1{");
  return `"${escaped}"`;
}

/** An expression given as a string (`provider = "aws.east"`, `depends_on`), as bare HCL. */
export function bareExpression(source: string): string {
  const unwrapped = /^\$\{[\s\S]*\}$/.test(source) ? stringValue(source) : source;
  try {
    return joinTokens(expressionTokens(unwrapped));
  } catch (e) {
    if (e instanceof UnsupportedExpression) return unwrapped;
    throw e;
  }
}

/** Tokens of an expression in HCL native syntax. */
export function expressionTokens(source: string): Token[] {
  const tokens: Token[] = [];
  const end = scanExpression(source, 0, tokens, false);
  if (end !== source.length) throw new UnsupportedExpression(`unbalanced "}" in ${source}`);
  return tokens;
}

function escapeLiteral(text: string): string {
  // Control characters are exactly what HCL needs escaped here.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\\"\u0000-\u001f]/g, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
}

/**
 * Scans template text from `at` until the end, or until a closing `"` when
 * `quoted` (the text is then HCL source, already escaped). Returns the index of
 * the closing quote (or the length).
 */
function scanTemplate(src: string, at: number, out: Token[], quoted: boolean): number {
  let i = at;
  let lit = "";
  const flush = () => {
    if (lit) out.push({ type: "lit", text: quoted ? lit : escapeLiteral(lit) });
    lit = "";
  };
  while (i < src.length) {
    const c = src[i];
    if (quoted && c === '"') break;
    if (quoted && c === "\\") {
      lit += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (quoted && c === "\n") throw new UnsupportedExpression("newline in a quoted string");
    if ((c === "$" || c === "%") && src[i + 1] === c && src[i + 2] === "{") {
      lit += src.slice(i, i + 3); // $${ and %%{ stay escapes
      i += 3;
      continue;
    }
    if ((c === "$" || c === "%") && src[i + 1] === "{") {
      if (src[i + 2] === "~") throw new UnsupportedExpression("template strip marker");
      flush();
      out.push({ type: c === "$" ? "interp" : "control", text: `${c}{` });
      i = scanExpression(src, i + 2, out, true);
      if (src[i - 1] === "~") throw new UnsupportedExpression("template strip marker");
      out.push({ type: "seqend", text: "}" });
      i += 1;
      continue;
    }
    lit += c;
    i += 1;
  }
  flush();
  return i;
}

/** Scans an expression; inside a template it stops at the `}` ending the sequence. */
function scanExpression(src: string, at: number, out: Token[], inTemplate: boolean): number {
  let i = at;
  let braces = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t") {
      i += 1;
      continue;
    }
    if (c === "\n" || c === "\r") throw new UnsupportedExpression("multi-line expression");
    if (c === "#" || (c === "/" && (src[i + 1] === "/" || src[i + 1] === "*"))) {
      throw new UnsupportedExpression("comment in an expression");
    }
    if (c === "<" && src[i + 1] === "<") throw new UnsupportedExpression("heredoc");
    if (c === "{") {
      braces += 1;
      out.push({ type: "obrace", text: c });
      i += 1;
      continue;
    }
    if (c === "}") {
      if (braces === 0) {
        if (inTemplate) return i;
        throw new UnsupportedExpression(`unbalanced "}"`);
      }
      braces -= 1;
      out.push({ type: "cbrace", text: c });
      i += 1;
      continue;
    }
    if (c === '"') {
      out.push({ type: "oquote", text: c });
      i = scanTemplate(src, i + 1, out, true);
      if (src[i] !== '"') throw new UnsupportedExpression("unterminated string");
      out.push({ type: "cquote", text: c });
      i += 1;
      continue;
    }
    const rest = src.slice(i);
    const word = IDENT.exec(rest) ?? NUMBER.exec(rest);
    if (word) {
      out.push({ type: /^[0-9]/.test(word[0]) ? "number" : "ident", text: word[0] });
      i += word[0].length;
      continue;
    }
    const punct = PUNCTUATION.find(([p]) => rest.startsWith(p));
    if (!punct) throw new UnsupportedExpression(`unexpected "${c}"`);
    out.push({ type: punct[1], text: punct[0] });
    i += punct[0].length;
  }
  if (inTemplate) throw new UnsupportedExpression("unterminated interpolation");
  return i;
}

/** Index of the token closing the bracket opened at `open`. */
function closingIndex(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += bracketChange(tokens[i]);
    if (depth === 0) return i;
  }
  return -1;
}

function bracketChange(t: Token | undefined): number {
  switch (t?.type) {
    case "obrace":
    case "obrack":
    case "oparen":
    case "control":
    case "interp":
      return 1;
    case "cbrace":
    case "cbrack":
    case "cparen":
    case "seqend":
      return -1;
    default:
      return 0;
  }
}

/** Tokens joined with the spaces `terraform fmt` puts between them. */
export function joinTokens(tokens: readonly Token[]): string {
  let out = "";
  tokens.forEach((t, i) => {
    out += t.text;
    const after = tokens[i + 1];
    if (after && spaceAfter(t, i > 0 ? tokens[i - 1] : undefined, after)) out += " ";
  });
  return out;
}

// A port of hclwrite's spaceAfterToken (hashicorp/hcl, hclwrite/format.go); `before`
// is undefined at the start of an expression, where hclwrite sees the "=" of the attribute.
function spaceAfter(subject: Token, before: Token | undefined, after: Token): boolean {
  const t = subject.type;
  const a = after.type;
  if (t === "ident" && a === "oparen") return false;
  if ((t === "ident" && a === "dcolon") || (t === "dcolon" && a === "ident")) return false;
  if (t === "dot" || a === "dot") return false;
  if (a === "comma" || a === "ellipsis") return false;
  if (t === "comma") return true;
  if (t === "lit" || t === "oquote" || a === "lit" || a === "cquote") return false;
  if (t === "ident" && subject.text === "in" && before?.type === "ident") return true;
  if (a === "obrack" && (t === "ident" || t === "number" || bracketChange(subject) < 0)) {
    return false;
  }
  if (t === "minus") return !negationFollows(before);
  if (t === "logical" && subject.text === "!") return false;
  if (t === "obrace" || a === "cbrace") return !(t === "obrace" && a === "cbrace");
  if ((t === "interp" || t === "control") && a === "obrace") return true;
  if (t === "cbrace" && a === "seqend") return true;
  if (t === "seqend" && (a === "interp" || a === "control")) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}

/** hclwrite's guess that a minus is a negation: nothing that ends an expression precedes it. */
function negationFollows(before: Token | undefined): boolean {
  if (!before) return true;
  switch (before.type) {
    case "oparen":
    case "obrace":
    case "obrack":
    case "equal":
    case "colon":
    case "comma":
    case "question":
    case "arith":
    case "minus":
    case "comparison":
    case "logical":
      return true;
    default:
      return false;
  }
}
