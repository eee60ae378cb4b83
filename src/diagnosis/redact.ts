import type { DiagnosisReport } from './report.js';

const MASK = '***';

/** What credentials look like in logs, events and probe bodies; order matters (PEM and JWT first). */
const RULES: { pattern: RegExp; replace: string | ((...m: string[]) => string) }[] = [
  // PEM private keys, multi-line; an unterminated block (truncated log) is masked to the end.
  {
    pattern:
      /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g,
    replace: (_m, kind = '') => `-----BEGIN ${kind}PRIVATE KEY-----${MASK}-----END ${kind}PRIVATE KEY-----`,
  },
  // JWTs (header.payload.signature, base64url).
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: MASK },
  // Authorization headers, whatever the scheme.
  {
    pattern:
      /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|token|digest|negotiate)\s+)?[^\s"',;]+/gi,
    replace: (_m, head: string, scheme?: string) => `${head}${scheme ? `${scheme} ` : ''}${MASK}`,
  },
  { pattern: /\b(bearer\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi, replace: `$1${MASK}` },
  // user:password@ in URLs (postgres://user:***@host).
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(@)/gi, replace: `$1${MASK}$2` },
  // Slack and GitHub tokens.
  { pattern: /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]{10,}/g, replace: MASK },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, replace: MASK },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, replace: MASK },
  // AWS access key ids.
  { pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g, replace: MASK },
  // key=value / key: value / "key": "value" where the key names a secret (incl. aws_secret_access_key).
  {
    pattern:
      /\b([A-Za-z0-9_.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_.-]*)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&"'}]+)/gi,
    replace: (_m, key: string, sep: string, value: string) =>
      value === MASK || value === `"${MASK}"`
        ? `${key}${sep}${value}`
        : `${key}${sep}${value.startsWith('"') ? `"${MASK}"` : value.startsWith("'") ? `'${MASK}'` : MASK}`,
  },
];

/** Mask credentials in free text (logs, event messages, probe bodies) before it leaves the engine. */
export function redact(text: string): string {
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: string[]) => string);
  }
  return out;
}

/** Apply `redact` to every human-readable string of a report: summaries, evidence, action reasons. */
export function redactReport(report: DiagnosisReport): DiagnosisReport {
  return {
    ...report,
    verdict: {
      ...report.verdict,
      summary: redact(report.verdict.summary),
      actions: report.verdict.actions.map((a) => (a.reason ? { ...a, reason: redact(a.reason) } : a)),
      ...(report.verdict.gitops
        ? { gitops: { ...report.verdict.gitops, detail: redact(report.verdict.gitops.detail) } }
        : {}),
    },
    checks: report.checks.map((c) => ({
      ...c,
      summary: redact(c.summary),
      evidence: c.evidence.map(redact),
    })),
  };
}
