import { censorTokens } from '../logger.js';

const SECRET_ASSIGNMENT =
  /\b(password|passwd|token|secret|api[_-]?key|client[_-]?secret)(["']?\s*[=:]\s*["']?)([^\s"',]+)/gi;
const BEARER = /\b(bearer)\s+[A-Za-z0-9._~+/-]+=*/gi;
const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;

/**
 * Command output (helm) goes to Slack and the audit: mask what looks like credentials and keep the tail,
 * which is where the error is.
 */
export function redactOutput(text: string, maxChars = 1500): string {
  const masked = censorTokens(text)
    .replace(PEM, '[redacted pem]')
    .replace(BEARER, '$1 [redacted]')
    .replace(SECRET_ASSIGNMENT, '$1$2[redacted]')
    .trim();
  return masked.length > maxChars ? `…${masked.slice(-maxChars)}` : masked;
}
