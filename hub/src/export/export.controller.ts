import { Readable } from 'node:stream';
import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ExportService } from './export.service';

@ApiTags('open data')
@Controller('export')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get('irve-dynamique.csv')
  @ApiOperation({ summary: 'Live status of every terminal in the IRVE dynamic schema (CSV)' })
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="irve-dynamique.csv"')
  @Header('Cache-Control', 'no-cache')
  irveDynamique(): StreamableFile {
    return new StreamableFile(Readable.from(this.exports.irveDynamique()));
  }
}
