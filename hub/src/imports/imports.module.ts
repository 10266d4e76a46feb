import { mkdirSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { UnsupportedMediaTypeError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ImportsController } from './imports.controller';
import { ImportsProcessor } from './imports.processor';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';
import { UploadLimitInterceptor } from './upload-limit.interceptor';
import { isCsvMediaType } from './upload-check';

@Module({
  imports: [
    // Uploads stream to disk under a size limit: a large file is never held in memory.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        mkdirSync(config.IMPORT_UPLOAD_DIR, { recursive: true });
        return {
          dest: config.IMPORT_UPLOAD_DIR,
          limits: { fileSize: config.IMPORT_MAX_UPLOAD_BYTES, files: 1, fields: 10 },
          fileFilter: (_request, file, accept) =>
            isCsvMediaType(file.mimetype)
              ? accept(null, true)
              : accept(
                  new UnsupportedMediaTypeError(
                    `Expected a CSV file, got ${file.mimetype}. Export the IRVE file as CSV.`,
                  ),
                  false,
                ),
        };
      },
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, ImportsProcessor, UploadLimitInterceptor],
})
export class ImportsModule {}
