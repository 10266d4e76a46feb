import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { PayloadTooLargeError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** Names the limit when multer stops an upload for its size (multer itself says "File too large"). */
@Injectable()
export class UploadLimitInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof PayloadTooLargeException)) throw error;
        const limitMb = Math.round((this.config.IMPORT_MAX_UPLOAD_BYTES / 1024 / 1024) * 10) / 10;
        throw new PayloadTooLargeError(
          `The file is larger than the upload limit of ${limitMb} MB (IMPORT_MAX_UPLOAD_BYTES); import it with \`hub import <file.csv>\` instead.`,
        );
      }),
    );
  }
}
