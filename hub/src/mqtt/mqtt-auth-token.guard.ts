import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { NotFoundError, UnauthenticatedError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The broker's bearer token (MQTT_AUTH_TOKEN); without one configured the route does not exist. */
@Injectable()
export class MqttAuthTokenGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.MQTT_AUTH_TOKEN;
    if (!expected) throw new NotFoundError('Device authentication for a broker is not enabled.');
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    // Digests have one length, so the comparison takes the same time whatever was presented.
    if (!timingSafeEqual(digest(presented), digest(expected))) {
      throw new UnauthenticatedError('A valid broker token is required.');
    }
    return true;
  }
}
