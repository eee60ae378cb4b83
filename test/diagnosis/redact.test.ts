import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact, redactReport } from '../../src/diagnosis/redact.js';
import type { DiagnosisReport } from '../../src/diagnosis/report.js';

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const alnum = [...upper, ...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')];
const str = (chars: string[], min: number, max: number) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(''));
// Secrets always contain an uppercase letter and are long, so they never occur by chance in the noise.
const secretValue = fc.tuple(str(upper, 2, 2), str(alnum, 12, 30)).map(([a, b]) => a + b);

/** Noise: lowercase without e/o/p (so no "token", "password", "bearer", "xoxb", "ghp_" can form), no @. */
const noiseChars = 'abcdfghijklmnqrstuvwxyz0123456789 .,:-()[]'.split('');
const noise = str(noiseChars, 0, 60);

/** A generated secret in context, and the part that must not survive. */
const secrets: fc.Arbitrary<{ text: string; secret: string }> = fc.oneof(
  secretValue.map((v) => ({ text: `Authorization: Bearer ${v}`, secret: v })),
  secretValue.map((v) => ({ text: `authorization=Basic ${v}`, secret: v })),
  secretValue.map((v) => ({ text: `postgres://app:${v}@db.shop.svc:5432/orders`, secret: v })),
  str([...upper, ...'0123456789'.split('')], 16, 16).map((v) => ({ text: `AKIA${v}`, secret: `AKIA${v}` })),
  secretValue.map((v) => ({ text: `aws_secret_access_key=${v}`, secret: v })),
  fc.tuple(str(alnum, 10, 20), str(alnum, 10, 40), secretValue).map(([h, p, sig]) => ({
    text: `eyJ${h}.eyJ${p}.${sig}`,
    secret: `eyJ${h}.eyJ${p}.${sig}`,
  })),
  fc
    .array(str([...upper, ...'abcdefghijklmnopqrstuvwxyz0123456789+/'.split('')], 40, 64), {
      minLength: 1,
      maxLength: 4,
    })
    .map((lines) => ({
      text: `-----BEGIN RSA PRIVATE KEY-----\nMIIE${lines.join('\n')}\n-----END RSA PRIVATE KEY-----`,
      secret: `MIIE${lines[0]}`,
    })),
  fc
    .tuple(
      fc.constantFrom('password', 'DB_PASSWORD', 'secret', 'client_secret', 'token', 'api_key', 'apiKey'),
      fc.constantFrom('=', ': ', '='),
      secretValue,
    )
    .map(([k, sep, v]) => ({
      text: `${k}${sep}${v}`,
      secret: v,
    })),
  secretValue.map((v) => ({ text: `{"password": "${v}"}`, secret: v })),
  fc
    .tuple(fc.constantFrom('xoxb', 'xoxp', 'xapp'), secretValue)
    .map(([p, v]) => ({ text: `${p}-1234567890-${v}`, secret: v })),
  fc
    .tuple(fc.constantFrom('ghp', 'gho', 'ghs'), str(alnum, 36, 36))
    .map(([p, v]) => ({ text: `${p}_${v}`, secret: v })),
  str(alnum, 30, 60).map((v) => ({ text: `github_pat_${v}`, secret: v })),
);

describe('redact', () => {
  it('a generated secret embedded in random text never survives', () => {
    fc.assert(
      fc.property(noise, secrets, noise, (before, { text, secret }, after) => {
        const out = redact(`${before} ${text} ${after}`);
        expect(out).not.toContain(secret);
      }),
      { numRuns: 500 },
    );
  });

  it('text without secrets is unchanged', () => {
    fc.assert(
      fc.property(noise, (text) => {
        expect(redact(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(noise, secrets, (n, { text }) => {
        const once = redact(`${n} ${text}`);
        expect(redact(once)).toBe(once);
      }),
    );
  });

  it.each([
    ['Authorization: Bearer abc.def.ghi1234', 'Authorization: Bearer ***'],
    ['postgres://app:s3cr3t@db:5432/shop', 'postgres://app:***@db:5432/shop'],
    ['password=hunter2 user=bob', 'password=*** user=bob'],
    [
      '-----BEGIN PRIVATE KEY-----\nMIIEv\nQ==\n-----END PRIVATE KEY----- tail',
      '-----BEGIN PRIVATE KEY-----***-----END PRIVATE KEY----- tail',
    ],
    ['Error: connect ECONNREFUSED 10.0.0.1:5432', 'Error: connect ECONNREFUSED 10.0.0.1:5432'],
    [
      'checkout-7d9f-abcde: CrashLoopBackOff, exit code 1 (Error), 7 restarts',
      'checkout-7d9f-abcde: CrashLoopBackOff, exit code 1 (Error), 7 restarts',
    ],
  ])('%j → %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('a truncated PEM block (log cut mid-key) is masked to the end', () => {
    expect(redact('key: -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIr')).not.toContain('MHcCAQEEIIr');
  });
});

describe('redactReport', () => {
  it('masks every summary and evidence line, keeps structure', () => {
    const report: DiagnosisReport = {
      app: 'checkout',
      namespace: 'shop',
      verdict: {
        cause: 'crash-loop',
        confidence: 'high',
        summary: 'DATABASE_URL=postgres://u:pw1@db/x is wrong',
        actions: [],
      },
      checks: [
        {
          id: 'log-excerpt',
          status: 'warn',
          summary: 'token=abcdef123456',
          evidence: ['Authorization: Bearer zzzzzzzzzz', 'fine line'],
        },
      ],
      durationMs: 3,
    };
    const r = redactReport(report);
    expect(JSON.stringify(r)).not.toMatch(/pw1|abcdef123456|zzzzzzzzzz/);
    expect(r.checks[0]!.evidence[1]).toBe('fine line');
    expect(r.app).toBe('checkout');
  });
});
