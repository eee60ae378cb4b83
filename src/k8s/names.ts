/** Kubernetes name rules, checked before any API call so bad input never reaches the cluster. */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 label: namespaces, Service names (≤63, lowercase alphanumerics and '-'). */
export function isDnsLabel(s: string): boolean {
  return s.length > 0 && s.length <= 63 && DNS_LABEL.test(s);
}

/** RFC 1123 subdomain: Deployment/StatefulSet names (≤253, dot-separated labels). */
export function isDnsSubdomain(s: string): boolean {
  return s.length > 0 && s.length <= 253 && s.split('.').every((part) => DNS_LABEL.test(part));
}

/** A clear, specific message for an invalid app or namespace name, or undefined when both are valid. */
export function invalidNameMessage(app: string, namespace: string): string | undefined {
  if (!isDnsSubdomain(app)) {
    return `invalid app name "${printable(app)}": use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (max 253)`;
  }
  if (!isDnsLabel(namespace)) {
    return `invalid namespace "${printable(namespace)}": use lowercase letters, digits and '-', starting and ending with a letter or digit (max 63)`;
  }
  return undefined;
}

function printable(s: string): string {
  const clean = s.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
