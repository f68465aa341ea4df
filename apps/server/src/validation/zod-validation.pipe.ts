import { Injectable, PipeTransform } from '@nestjs/common';
import { formatZodError } from '@poker/shared';
import type { z } from 'zod';
import { badRequest } from '../errors/domain.error';

/** Validates a socket payload or HTTP body against a shared zod schema; BAD_REQUEST otherwise. */
@Injectable()
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.output<T> {
    const parsed = this.schema.safeParse(value ?? {});
    if (!parsed.success) throw badRequest(formatZodError(parsed.error));
    return parsed.data;
  }
}
