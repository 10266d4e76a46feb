import { Readable } from 'node:stream';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  importReportQuery,
  importUploadFields,
  uuidParam,
  type ImportConflictView,
  type ImportPolicy,
  type ImportRejectView,
  type ImportReportPage,
  type ImportReportQuery,
  type ImportUploadFields,
  type ImportView,
} from '@wattsup/contracts';
import type { SessionUser } from '../auth/access-token.service';
import { CurrentSession, Roles, SessionGuard } from '../auth/session.guard';
import { ZodPipe } from '../common/zod.pipe';
import { ImportsService, type UploadedCsv } from './imports.service';
import { UploadLimitInterceptor } from './upload-limit.interceptor';

@ApiTags('admin: imports')
@Controller('admin/imports')
@UseGuards(SessionGuard)
@Roles('ADMIN')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Upload an IRVE static CSV (field `file`, optional `prune`, `batchSize`); the import runs as a job',
  })
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  upload(
    @UploadedFile() file: UploadedCsv | undefined,
    @Body(new ZodPipe(importUploadFields)) fields: ImportUploadFields,
    @CurrentSession() session: SessionUser,
  ): Promise<ImportView> {
    return this.imports.acceptUpload(file, fields, session.id);
  }

  @Get()
  @ApiOperation({ summary: 'The 50 most recent imports' })
  recent(): Promise<ImportView[]> {
    return this.imports.recent();
  }

  @Get('policy')
  @ApiOperation({
    summary: 'Upload limit and default batch size, to check a file before sending it',
  })
  policy(): ImportPolicy {
    return this.imports.policy();
  }

  @Get(':id')
  @ApiOperation({ summary: 'State, progress and counts of one import' })
  view(@Param('id', new ZodPipe(uuidParam)) id: string): Promise<ImportView> {
    return this.imports.view(id);
  }

  @Get(':id/rejects')
  @ApiOperation({
    summary: 'Rejected rows with line, ids, field and reason; `format=csv` downloads them all',
  })
  async rejects(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Query(new ZodPipe(importReportQuery)) query: ImportReportQuery,
  ): Promise<ImportReportPage<ImportRejectView> | StreamableFile> {
    if (query.format === 'json') return this.imports.rejects(id, query);
    return csvFile(`import-${id}-rejects.csv`, await this.imports.rejectsCsv(id));
  }

  @Get(':id/conflicts')
  @ApiOperation({
    summary:
      'Station fields on which rows disagree, and the value kept; `format=csv` downloads them all',
  })
  async conflicts(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Query(new ZodPipe(importReportQuery)) query: ImportReportQuery,
  ): Promise<ImportReportPage<ImportConflictView> | StreamableFile> {
    if (query.format === 'json') return this.imports.conflicts(id, query);
    return csvFile(`import-${id}-conflicts.csv`, await this.imports.conflictsCsv(id));
  }
}

function csvFile(fileName: string, lines: AsyncIterable<string>): StreamableFile {
  return new StreamableFile(Readable.from(lines), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${fileName}"`,
  });
}
