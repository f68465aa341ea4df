import { MessageBody } from '@nestjs/websockets';
import type { ZodType } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe';

/** A socket handler's payload, validated against its shared schema (BAD_REQUEST otherwise). */
export const validatedBody = (schema: ZodType) => MessageBody(new ZodValidationPipe(schema));
