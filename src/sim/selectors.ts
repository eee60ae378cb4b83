import type { KubeObject } from './scenario.js';

/**
 * labelSelector and fieldSelector query parameters, parsed once per request into predicates.
 * Syntax errors throw `SelectorError` (the API server answers 400 BadRequest).
 */

export class SelectorError extends Error {
  override name = 'SelectorError';
}

type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type ObjectPredicate = (obj: KubeObject) => boolean;

/** Split on commas that are not inside `( … )` (set-based values). */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function parseLabelTerm(term: string): LabelRequirement {
  const setMatch = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (setMatch) {
    const values = (setMatch[3] ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return { op: setMatch[2] === 'in' ? 'in' : 'notin', key: setMatch[1] ?? '', values };
  }
  const eqMatch = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(term);
  if (eqMatch) {
    return { op: eqMatch[2] === '!=' ? 'neq' : 'eq', key: eqMatch[1] ?? '', value: eqMatch[3] ?? '' };
  }
  const notExists = /^!\s*([^\s!=()]+)$/.exec(term);
  if (notExists) return { op: 'notexists', key: notExists[1] ?? '' };
  if (/^[^\s!=()]+$/.test(term)) return { op: 'exists', key: term };
  throw new SelectorError(
    `unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`,
  );
}

function matchesRequirement(labels: Record<string, string>, r: LabelRequirement): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case 'eq':
      return has && value === r.value;
    case 'neq':
      return !has || value !== r.value;
    case 'in':
      return has && value !== undefined && r.values.includes(value);
    case 'notin':
      return !has || value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case 'notexists':
      return !has;
  }
}

/** Parses a labelSelector (`app=x,tier in (web,api),!canary`) into a predicate on label maps. */
export function parseLabelSelector(
  selector: string | undefined,
): (labels: Record<string, string>) => boolean {
  if (selector === undefined || selector.trim() === '') return () => true;
  const reqs = splitTerms(selector).map(parseLabelTerm);
  return (labels) => reqs.every((r) => matchesRequirement(labels, r));
}

function labelsOf(obj: KubeObject): Record<string, string> {
  const labels = obj.metadata.labels;
  return labels !== null && typeof labels === 'object' ? (labels as Record<string, string>) : {};
}

export function labelPredicate(selector: string | undefined): ObjectPredicate {
  const match = parseLabelSelector(selector);
  return (obj) => match(labelsOf(obj));
}

/** Reads a dotted path (`status.phase`, `involvedObject.name`) as the string the API server compares. */
function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  if (typeof cur === 'string') return cur;
  if (typeof cur === 'number' || typeof cur === 'boolean') return String(cur);
  return JSON.stringify(cur);
}

/** Parses a fieldSelector (`metadata.name=x,status.phase!=Running`); generic dotted paths. */
export function fieldPredicate(selector: string | undefined): ObjectPredicate {
  if (selector === undefined || selector.trim() === '') return () => true;
  const reqs = splitTerms(selector).map((term) => {
    const m = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    return { path: m[1] ?? '', negate: m[2] === '!=', value: (m[3] ?? '').trim() };
  });
  return (obj) => reqs.every((r) => (fieldValue(obj, r.path) === r.value) !== r.negate);
}

/** The single `metadata.name=` value of a field selector, if any (fast path for single-object watches). */
export function nameFromFieldSelector(selector: string | undefined): string | undefined {
  if (selector === undefined) return undefined;
  for (const term of splitTerms(selector)) {
    const m = /^metadata\.name\s*==?\s*(.+)$/.exec(term);
    if (m) return m[1]?.trim();
  }
  return undefined;
}
