import { Global, Module } from '@nestjs/common';
import { OcppModule } from '../ocpp/ocpp.module';
import { VehiclesModule } from '../vehicles/vehicles.module';
import { MqttAuthTokenGuard } from './mqtt-auth-token.guard';
import { MqttAuthController } from './mqtt-auth.controller';
import { MqttChargerCommands } from './mqtt-charger.commands';
import { MqttChargersRepository } from './mqtt-chargers.repository';
import { MqttChargersService } from './mqtt-chargers.service';
import { MqttDeviceAuthRepository } from './mqtt-device-auth.repository';
import { MqttDeviceAuthService } from './mqtt-device-auth.service';
import { MqttConnection } from './mqtt.connection';
import { MqttIngestion } from './mqtt.ingestion';

@Global()
@Module({
  // OcppModule provides ChargersService: MQTT chargers' presence goes the OCPP chargers' way.
  imports: [OcppModule, VehiclesModule],
  controllers: [MqttAuthController],
  providers: [
    MqttConnection,
    MqttIngestion,
    MqttChargersService,
    MqttChargersRepository,
    MqttChargerCommands,
    MqttDeviceAuthService,
    MqttDeviceAuthRepository,
    MqttAuthTokenGuard,
  ],
  exports: [MqttConnection, MqttChargerCommands],
})
export class MqttModule {}
