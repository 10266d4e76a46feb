/**
 * Errors services throw. They carry no transport detail: the HTTP filter maps them to status codes,
 * and other transports (OCPP, MQTT, jobs) map them their own way.
 */
export abstract class DomainError extends Error {
  abstract readonly kind:
    | 'invalid'
    | 'unauthenticated'
    | 'forbidden'
    | 'not-found'
    | 'conflict'
    | 'too-large'
    | 'unsupported-media-type'
    | 'rate-limited'
    | 'unavailable'
    | 'upstream-error'
    | 'upstream-timeout';

  constructor(
    message: string,
    /** A stable reason for clients (`ApiError.code`), with the facts that go with it. */
    readonly reason: { code: string; details?: Record<string, unknown> } | null = null,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  readonly kind = 'invalid';
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export class PayloadTooLargeError extends DomainError {
  readonly kind = 'too-large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly kind = 'unsupported-media-type';
}

export class RateLimitedError extends DomainError {
  readonly kind = 'rate-limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly kind = 'unavailable';
}

/** A device the hub talked to (a charger) answered with an error. */
export class UpstreamError extends DomainError {
  readonly kind = 'upstream-error';
}

/** A device the hub talked to did not answer in time. */
export class UpstreamTimeoutError extends DomainError {
  readonly kind = 'upstream-timeout';
}
