import type { ResourceType } from './runtime.js';
import { qualifiedName } from './resource-types.js';

/**
 * An error the simulated API server answers with a `Status` object, worded like the real kube-apiserver
 * (clients and gw502's checks parse `reason` and `code`, and users read `message`).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: { name?: string; group?: string; kind?: string; causes?: unknown[] },
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

function details(type: ResourceType, name?: string) {
  return { ...(name !== undefined ? { name } : {}), group: type.group, kind: type.plural };
}

export function notFound(type: ResourceType, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedName(type)} "${name}" not found`, details(type, name));
}

export function alreadyExists(type: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedName(type)} "${name}" already exists`,
    details(type, name),
  );
}

export function conflict(type: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedName(type)} "${name}": the object has been modified; ` +
      'please apply your changes to the latest version and try again',
    details(type, name),
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function invalid(type: ResourceType, name: string, message: string): ApiError {
  return new ApiError(422, 'Invalid', message, details(type, name));
}

export interface ForbiddenRequest {
  user: string;
  verb: string;
  type: ResourceType;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** `pods "x" is forbidden: User "…" cannot get resource "pods" in API group "" in the namespace "shop"` */
export function forbidden(req: ForbiddenRequest): ApiError {
  const resource = req.subresource ? `${req.type.plural}/${req.subresource}` : req.type.plural;
  const subject =
    req.name !== undefined ? `${qualifiedName(req.type)} "${req.name}"` : qualifiedName(req.type);
  const scope = req.namespace !== undefined ? `in the namespace "${req.namespace}"` : 'at the cluster scope';
  return new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${req.user}" cannot ${req.verb} resource "${resource}" in API group ` +
      `"${req.type.group}" ${scope}`,
    details(req.type, req.name),
  );
}
