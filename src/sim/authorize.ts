import type { ResourceType } from './runtime.js';

/** A request the sim answers 403 to (Scenario.forbidden). `*` matches any verb or resource. */
export interface ForbiddenRule {
  /** get, list, watch, create, update, patch, delete, deletecollection, or `*`. */
  verb: string;
  /** `pods`, `pods/log`, `networkpolicies`, `networkpolicies.networking.k8s.io`, `services/proxy`, `*`. */
  resource: string;
  /** Only in this namespace; every namespace (and cluster scope) when absent. */
  namespace?: string;
}

export interface AccessAttributes {
  verb: string;
  type: Pick<ResourceType, 'group' | 'plural'>;
  subresource?: string;
  namespace?: string;
}

function resourceMatches(rule: string, attrs: AccessAttributes): boolean {
  if (rule === '*') return true;
  const [resPart = '', sub] = rule.split('/');
  const dot = resPart.indexOf('.');
  const plural = dot >= 0 ? resPart.slice(0, dot) : resPart;
  const group = dot >= 0 ? resPart.slice(dot + 1) : undefined;
  if (plural !== attrs.type.plural) return false;
  if (group !== undefined && group !== attrs.type.group) return false;
  return (sub ?? undefined) === attrs.subresource || sub === '*';
}

/** True when a rule denies this request. */
export function isForbidden(rules: readonly ForbiddenRule[], attrs: AccessAttributes): boolean {
  return rules.some(
    (r) =>
      (r.verb === '*' || r.verb === attrs.verb) &&
      resourceMatches(r.resource, attrs) &&
      (r.namespace === undefined || r.namespace === attrs.namespace),
  );
}

/** The user a bearer token from `kubeconfig({ user })` stands for. */
export const TOKEN_PREFIX = 'gw502-sim.';
export const DEFAULT_USER = 'system:serviceaccount:gw502:gw502';

export function userFromAuthorization(header: string | undefined): string {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  const token = m?.[1];
  if (token?.startsWith(TOKEN_PREFIX)) {
    return Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8') || DEFAULT_USER;
  }
  return DEFAULT_USER;
}

export function tokenForUser(user: string): string {
  return TOKEN_PREFIX + Buffer.from(user, 'utf8').toString('base64url');
}
