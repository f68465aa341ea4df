import { Global, Module } from '@nestjs/common';
import { ErrorReporter } from './error-reporter';
import { WsExceptionFilter } from './ws-exception.filter';

/** Domain errors, the filters that map them onto the contract, and the error reporter. */
@Global()
@Module({
  providers: [ErrorReporter, WsExceptionFilter],
  exports: [ErrorReporter, WsExceptionFilter],
})
export class ErrorsModule {}
