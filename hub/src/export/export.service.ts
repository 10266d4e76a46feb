import { Injectable } from '@nestjs/common';
import { ExportRepository } from './export.repository';
import { IRVE_DYNAMIQUE_COLUMNS, irveDynamiqueRow } from './irve-dynamique';

const PAGE = 5000;

@Injectable()
export class ExportService {
  constructor(private readonly repository: ExportRepository) {}

  /** The whole file in chunks of lines, read page by page so memory stays flat. */
  async *irveDynamique(): AsyncGenerator<string> {
    yield `${IRVE_DYNAMIQUE_COLUMNS.join(',')}\n`;
    let after = '';
    for (;;) {
      const page = await this.repository.terminalsAfter(after, PAGE);
      if (page.length === 0) return;
      yield `${page.map(irveDynamiqueRow).join('\n')}\n`;
      after = page[page.length - 1].pdcId;
      if (page.length < PAGE) return;
    }
  }
}
