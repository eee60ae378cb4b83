/** One directive of an nginx configuration, with its block when it has one. */
export interface NginxDirective {
  name: string;
  args: string[];
  file: string;
  line: number;
  block?: NginxDirective[];
}

/** Split nginx config text into words, `;`, `{`, `}` (quotes and `#` comments honoured). */
function tokenize(text: string): { value: string; line: number; quoted: boolean }[] {
  const tokens: { value: string; line: number; quoted: boolean }[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      tokens.push({ value: c, line, quoted: false });
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        if (text[j] === '\n') line++;
        value += text[j];
        j++;
      }
      tokens.push({ value, line, quoted: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s;{}]/.test(text[j]!)) j++;
      tokens.push({ value: text.slice(i, j), line, quoted: false });
      i = j;
    }
  }
  return tokens;
}

/**
 * Parse one nginx configuration file into a directive tree. Unbalanced braces end the block early rather
 * than throwing: the config test (`nginx -t`) is what reports syntax errors to the user.
 */
export function parseNginxConfigTree(text: string, file: string): NginxDirective[] {
  const tokens = tokenize(text);
  let pos = 0;
  function parseBlock(): NginxDirective[] {
    const out: NginxDirective[] = [];
    let words: { value: string; line: number; quoted: boolean }[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos++]!;
      if (!t.quoted && t.value === '}') return out;
      if (!t.quoted && t.value === ';') {
        if (words.length)
          out.push({
            name: words[0]!.value,
            args: words.slice(1).map((w) => w.value),
            file,
            line: words[0]!.line,
          });
        words = [];
      } else if (!t.quoted && t.value === '{') {
        const head = words[0];
        const args = words.slice(1).map((w) => w.value);
        words = [];
        const block = parseBlock();
        if (head) out.push({ name: head.value, args, file, line: head.line, block });
      } else {
        words.push(t);
      }
    }
    return out;
  }
  return parseBlock();
}

/** Split `nginx -T` output (`# configuration file /etc/nginx/nginx.conf:` sections) into files. */
export function splitNginxDump(dump: string): Map<string, string> | undefined {
  const marker = /^# configuration file (.+):$/gm;
  const found = [...dump.matchAll(marker)];
  if (found.length === 0) return undefined;
  const files = new Map<string, string>();
  found.forEach((m, i) => {
    const start = m.index + m[0].length + 1;
    const end = found[i + 1]?.index ?? dump.length;
    files.set(m[1]!, dump.slice(start, end));
  });
  return files;
}

function globToRegex(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

/**
 * Replace `include` directives with the directives of the files they name, taken from `files` (paths
 * already resolved; globs matched against its keys in name order, like nginx). Cycles stop at depth 10.
 */
export function expandIncludes(
  tree: NginxDirective[],
  files: Map<string, NginxDirective[]>,
  resolvePath: (p: string) => string,
  depth = 0,
): NginxDirective[] {
  const out: NginxDirective[] = [];
  for (const d of tree) {
    if (d.name === 'include' && d.args[0] && depth < 10) {
      const pattern = resolvePath(d.args[0]);
      const re = globToRegex(pattern);
      const names = [...files.keys()].filter((k) => re.test(k)).sort();
      for (const name of names) out.push(...expandIncludes(files.get(name)!, files, resolvePath, depth + 1));
      continue;
    }
    out.push(d.block ? { ...d, block: expandIncludes(d.block, files, resolvePath, depth) } : d);
  }
  return out;
}
