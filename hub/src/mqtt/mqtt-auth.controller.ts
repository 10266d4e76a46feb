import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  mqttAuthenticateRequest,
  type MqttAuthenticateRequest,
  type MqttAuthenticateResponse,
} from '@wattsup/contracts';
import { ZodPipe } from '../common/zod.pipe';
import { MqttAuthTokenGuard } from './mqtt-auth-token.guard';
import { MqttDeviceAuthService } from './mqtt-device-auth.service';

/** For the broker only: checks device credentials against those the hub issued. */
@ApiExcludeController()
@Controller('internal/mqtt')
@UseGuards(MqttAuthTokenGuard)
export class MqttAuthController {
  constructor(private readonly auth: MqttDeviceAuthService) {}

  @Post('authenticate')
  @HttpCode(200)
  authenticate(
    @Body(new ZodPipe(mqttAuthenticateRequest)) body: MqttAuthenticateRequest,
  ): Promise<MqttAuthenticateResponse> {
    return this.auth.authenticate(body);
  }
}
