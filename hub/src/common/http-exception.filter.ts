import { randomUUID } from 'node:crypto';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { ApiError } from '@wattsup/contracts';
import type { Request, Response } from 'express';
import { DomainError, InvalidInputError, RateLimitedError } from './domain-errors';

const STATUS_BY_KIND: Record<DomainError['kind'], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'unsupported-media-type': 415,
  'rate-limited': 429,
  unavailable: 503,
  'upstream-error': 502,
  'upstream-timeout': 504,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The one place HTTP errors get their shape: `{ statusCode, error, message }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception, request.id);
    if (exception instanceof RateLimitedError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, requestId: string | undefined): ApiError {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_KIND[exception.kind];
      const body: ApiError = { statusCode, error: REASON[statusCode], message: exception.message };
      if (exception instanceof InvalidInputError && exception.issues.length > 0) {
        body.issues = exception.issues;
      }
      if (exception.reason) {
        body.code = exception.reason.code;
        if (exception.reason.details) body.details = exception.reason.details;
      }
      return body;
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? [response.message].flat().join('; ')
          : exception.message;
      return { statusCode, error: REASON[statusCode] ?? exception.name, message };
    }
    const correlationId = requestId ?? randomUUID();
    this.logger.error({ err: exception, correlationId }, 'Unhandled error');
    return {
      statusCode: 500,
      error: REASON[500],
      message: `Something went wrong on our side. Reference: ${correlationId}`,
    };
  }
}
