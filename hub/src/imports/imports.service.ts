import { rm } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import type {
  ImportConflictView,
  ImportPolicy,
  ImportRejectView,
  ImportReportPage,
  ImportReportQuery,
  ImportUploadFields,
  ImportView,
} from '@wattsup/contracts';
import { InvalidInputError, NotFoundError, ServiceUnavailableError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { JobQueues } from '../jobs/job-queues';
import { toImportView } from './import-view';
import { type ImportRecord, ImportsRepository } from './imports.repository';
import { csvLine } from './report-csv';
import { checkUploadedCsv } from './upload-check';

export const IMPORT_QUEUE = 'imports';
export interface ImportJobData {
  importId: string;
}

/** The part of a multipart upload the service needs (multer's file, already on disk). */
export interface UploadedCsv {
  path: string;
  originalname: string;
  size: number;
}

/** Rows fetched per query while a report streams as CSV. */
const CSV_PAGE = 5000;

@Injectable()
export class ImportsService {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly jobs: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  policy(): ImportPolicy {
    return {
      maxUploadBytes: this.config.IMPORT_MAX_UPLOAD_BYTES,
      defaultBatchSize: this.config.IMPORT_BATCH_SIZE,
    };
  }

  /** Records an uploaded file as a QUEUED import and hands it to the job queue. */
  async acceptUpload(
    file: UploadedCsv | undefined,
    fields: ImportUploadFields,
    userId: string,
  ): Promise<ImportView> {
    if (!file) {
      throw new InvalidInputError(
        'Send the IRVE file as multipart/form-data in a field named "file".',
      );
    }
    try {
      await checkUploadedCsv(file.path);
    } catch (error) {
      await rm(file.path, { force: true });
      throw error;
    }
    let record: ImportRecord;
    try {
      record = await this.imports.create({
        source: 'UPLOAD',
        fileName: file.originalname,
        fileBytes: file.size,
        filePath: file.path,
        prune: fields.prune,
        batchSize: fields.batchSize ?? this.config.IMPORT_BATCH_SIZE,
        createdBy: userId,
      });
    } catch (error) {
      await rm(file.path, { force: true });
      throw error;
    }
    try {
      await this.jobs
        .queue<ImportJobData>(IMPORT_QUEUE)
        .add(
          'import',
          { importId: record.id },
          { jobId: record.id, attempts: 1, removeOnComplete: 1000, removeOnFail: 1000 },
        );
    } catch (error) {
      await this.imports.fail(record.id, 'The import could not be queued (Redis unavailable).');
      await rm(file.path, { force: true });
      throw new ServiceUnavailableError(
        `The import could not be queued: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return toImportView(record);
  }

  async view(id: string): Promise<ImportView> {
    return toImportView(await this.find(id));
  }

  async recent(): Promise<ImportView[]> {
    return (await this.imports.recent(50)).map((record) => toImportView(record));
  }

  async rejects(id: string, query: ImportReportQuery): Promise<ImportReportPage<ImportRejectView>> {
    await this.find(id);
    const [total, items] = await Promise.all([
      this.imports.countRejects(id),
      this.imports.rejects(id, query.limit, query.offset),
    ]);
    return { total, items };
  }

  async conflicts(
    id: string,
    query: ImportReportQuery,
  ): Promise<ImportReportPage<ImportConflictView>> {
    await this.find(id);
    const [total, items] = await Promise.all([
      this.imports.countConflicts(id),
      this.imports.conflicts(id, query.limit, query.offset),
    ]);
    return { total, items };
  }

  /** The whole rejects report as CSV, fetched a page at a time. */
  async rejectsCsv(id: string): Promise<AsyncIterable<string>> {
    await this.find(id);
    return this.csv(
      ['line', 'id_station_itinerance', 'id_pdc_itinerance', 'field', 'value', 'reason'],
      (offset) => this.imports.rejects(id, CSV_PAGE, offset),
      (reject) => [
        reject.line,
        reject.stationId,
        reject.pdcId,
        reject.field,
        reject.value,
        reject.reason,
      ],
    );
  }

  async conflictsCsv(id: string): Promise<AsyncIterable<string>> {
    await this.find(id);
    return this.csv(
      ['id_station_itinerance', 'field', 'kept_value', 'kept_line', 'other_values', 'other_lines'],
      (offset) => this.imports.conflicts(id, CSV_PAGE, offset),
      (conflict) => [
        conflict.stationId,
        conflict.field,
        conflict.keptValue,
        conflict.keptLine,
        conflict.otherValues.map((value) => value ?? '').join(' | '),
        conflict.otherLines.join(' '),
      ],
    );
  }

  private async *csv<T>(
    columns: string[],
    page: (offset: number) => Promise<T[]>,
    toValues: (item: T) => (string | number | null)[],
  ): AsyncGenerator<string> {
    yield csvLine(columns);
    for (let offset = 0; ; offset += CSV_PAGE) {
      const items = await page(offset);
      if (items.length > 0) yield items.map((item) => csvLine(toValues(item))).join('');
      if (items.length < CSV_PAGE) return;
    }
  }

  private async find(id: string): Promise<ImportRecord> {
    const record = await this.imports.find(id);
    if (!record) throw new NotFoundError('No import with this id.');
    return record;
  }
}
