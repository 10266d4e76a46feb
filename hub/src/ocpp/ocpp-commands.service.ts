import { Inject, Injectable } from '@nestjs/common';
import type {
  ChargerCommandName,
  ChargerCommandRequest,
  ChargerCommandResult,
  ChargerProtocol,
  OcppProtocol,
} from '@wattsup/contracts';
import { ChargersService } from '../chargers/chargers.service';
import {
  ConflictError,
  InvalidInputError,
  UpstreamError,
  UpstreamTimeoutError,
} from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricsService } from '../metrics/metrics.service';
import { buildOcppCall, responseStatus } from './commands';
import { OcppCluster, type RemoteCallError } from './ocpp-cluster';

/** Hub → charger commands, whichever hub instance holds the charger's socket. */
@Injectable()
export class OcppCommandsService {
  constructor(
    private readonly chargers: ChargersService,
    private readonly cluster: OcppCluster,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send<C extends ChargerCommandName>(
    chargerId: string,
    command: C,
    request: ChargerCommandRequest<C>,
  ): Promise<ChargerCommandResult> {
    return this.sendTo(await this.chargers.view(chargerId), command, request);
  }

  /** `send` for a caller that already knows the charger's identity and protocol. */
  async sendTo<C extends ChargerCommandName>(
    charger: { id: string; identity: string; protocol: ChargerProtocol },
    command: C,
    request: ChargerCommandRequest<C>,
  ): Promise<ChargerCommandResult> {
    const chargerId = charger.id;
    if (charger.protocol === 'mqtt') {
      throw new InvalidInputError(`${charger.identity} speaks MQTT: OCPP commands do not apply.`);
    }
    const protocol: OcppProtocol = charger.protocol;
    const call = buildOcppCall(protocol, command, request);
    if (!call) throw new InvalidInputError(`${command} is not available for ${protocol} chargers.`);
    const stopTimer = this.metrics.ocppCommands.startTimer({ action: call.action });
    try {
      const response = await this.cluster.call(
        chargerId,
        call.action,
        call.params,
        this.config.OCPP_CALL_TIMEOUT_MS,
      );
      stopTimer({ outcome: 'answered' });
      return { command, action: call.action, status: responseStatus(response), response };
    } catch (caught) {
      const error = caught as RemoteCallError;
      stopTimer({ outcome: error.name });
      if (error.name === 'ChargerOffline')
        throw new ConflictError(`${charger.identity} is offline.`);
      if (error.name === 'TimeoutError') {
        throw new UpstreamTimeoutError(
          `${charger.identity} did not answer ${call.action} within ${this.config.OCPP_CALL_TIMEOUT_MS / 1000} s.`,
        );
      }
      throw new UpstreamError(
        `${charger.identity} answered ${call.action} with ${error.code ?? error.name}: ${error.message}`,
      );
    }
  }
}
