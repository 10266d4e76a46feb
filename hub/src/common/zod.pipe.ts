import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { InvalidInputError } from './domain-errors';

/** Validates one request part against its shared contract schema; the 400 names each bad field. */
export class ZodPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.output<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown): z.output<Schema> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const issues = result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    const summary = issues.map((issue) =>
      issue.path ? `${issue.path}: ${issue.message}` : issue.message,
    );
    throw new InvalidInputError(summary.join('; '), issues);
  }
}
