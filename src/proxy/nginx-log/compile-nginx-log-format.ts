/**
 * Turn an nginx `log_format` string into a regex with one named group per variable, so any access log
 * (ingress-nginx's default, `combined`, or a custom format read from nginx.conf) can be parsed.
 */

/** Value shapes of the variables whose values may contain spaces or lists (`10.0.0.1:80, 10.0.0.2:80`). */
const LIST_SEP = '(?:, | : )';
const list = (item: string): string => `(?:${item})(?:${LIST_SEP}(?:${item}))*`;
const VARIABLE_PATTERNS: Record<string, string> = {
  status: '\\d{3}',
  upstream_status: list('\\d{3}|-'),
  upstream_response_time: list('[\\d.]+|-'),
  upstream_connect_time: list('[\\d.]+|-'),
  upstream_header_time: list('[\\d.]+|-'),
  upstream_response_length: list('\\d+|-'),
  upstream_addr: list('[^\\s,]+'),
  request_time: '[\\d.]+|-',
  body_bytes_sent: '\\d+|-',
  bytes_sent: '\\d+|-',
  request_length: '\\d+|-',
  time_local: '[^\\]]+',
  time_iso8601: '\\S+',
};

export interface CompiledLogFormat {
  regex: RegExp;
  variables: string[];
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileNginxLogFormat(format: string): CompiledLogFormat {
  const variables: string[] = [];
  let pattern = '';
  const token = /\$(?:\{(\w+)\}|(\w+))/g;
  let last = 0;
  for (let m = token.exec(format); m; m = token.exec(format)) {
    const literal = format.slice(last, m.index);
    pattern += escapeRegex(literal).replace(/ +/g, ' +');
    const name = (m[1] ?? m[2])!;
    const previous = format[m.index - 1];
    const shape =
      VARIABLE_PATTERNS[name] ?? (previous === '"' ? '[^"]*' : previous === '[' ? '[^\\]]*' : '.*?');
    // A variable used twice keeps its first capture; the second must only match.
    const group = variables.includes(name) ? `(?:${shape})` : `(?<${name}>${shape})`;
    if (!variables.includes(name)) variables.push(name);
    pattern += group;
    last = m.index + m[0].length;
  }
  pattern += escapeRegex(format.slice(last)).replace(/ +/g, ' +');
  return { regex: new RegExp(`^${pattern}$`), variables };
}
