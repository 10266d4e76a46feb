import { Global, Module } from '@nestjs/common';
import { TerminalStatusRecorder } from './terminal-status.recorder';
import { UnconfirmedStatusSweep } from './unconfirmed-status.sweep';

@Global()
@Module({
  providers: [TerminalStatusRecorder, UnconfirmedStatusSweep],
  exports: [TerminalStatusRecorder, UnconfirmedStatusSweep],
})
export class TerminalsModule {}
