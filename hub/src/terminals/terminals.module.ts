import { Global, Module } from '@nestjs/common';
import { TerminalStatusRecorder } from './terminal-status.recorder';

@Global()
@Module({ providers: [TerminalStatusRecorder], exports: [TerminalStatusRecorder] })
export class TerminalsModule {}
