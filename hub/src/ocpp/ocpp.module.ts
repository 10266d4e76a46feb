import { Module } from '@nestjs/common';
import { ChargersService } from '../chargers/chargers.service';
import { AdminChargersController } from './admin-chargers.controller';
import { FrameLog } from './frame-log';
import { OcppCluster } from './ocpp-cluster';
import { OcppCommandsService } from './ocpp-commands.service';
import { OcppHandlerContext } from './ocpp-handler-context';
import { OcppServer } from './ocpp-server';
import { OcppSessions } from './ocpp-sessions';
import { Ocpp16Handlers } from './ocpp16.handlers';
import { Ocpp201Handlers } from './ocpp201.handlers';

@Module({
  controllers: [AdminChargersController],
  providers: [
    ChargersService,
    FrameLog,
    OcppCluster,
    OcppCommandsService,
    OcppHandlerContext,
    OcppServer,
    OcppSessions,
    Ocpp16Handlers,
    Ocpp201Handlers,
  ],
  exports: [OcppCommandsService, ChargersService],
})
export class OcppModule {}
