import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CHARGER_COMMAND_NAMES,
  chargerCommandRequests,
  createChargerRequest,
  uuidParam,
  type ChargerCommandName,
  type ChargerCommandResult,
  type ChargerFrameView,
  type ChargerView,
  type CreateChargerRequest,
  type CreatedCharger,
} from '@wattsup/contracts';
import { z } from 'zod';
import { Roles, SessionGuard } from '../auth/session.guard';
import { ChargersService } from '../chargers/chargers.service';
import { NotFoundError } from '../common/domain-errors';
import { ZodPipe } from '../common/zod.pipe';
import { FrameLog } from './frame-log';
import { OcppCommandsService } from './ocpp-commands.service';

const framesQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

@ApiTags('admin')
@Controller('admin/chargers')
@UseGuards(SessionGuard)
@Roles('ADMIN')
export class AdminChargersController {
  constructor(
    private readonly chargers: ChargersService,
    private readonly commands: OcppCommandsService,
    private readonly frames: FrameLog,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Every charger: protocol, online, last seen, firmware, bound terminals',
  })
  list(): Promise<ChargerView[]> {
    return this.chargers.list();
  }

  @Post()
  @ApiOperation({ summary: 'Register a charger; its password is in the answer, once' })
  create(
    @Body(new ZodPipe(createChargerRequest)) body: CreateChargerRequest,
  ): Promise<CreatedCharger> {
    return this.chargers.create(body);
  }

  @Get(':id')
  view(@Param('id', new ZodPipe(uuidParam)) id: string): Promise<ChargerView> {
    return this.chargers.view(id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an auto-registered (Pending) charger' })
  accept(@Param('id', new ZodPipe(uuidParam)) id: string): Promise<ChargerView> {
    return this.chargers.accept(id);
  }

  @Get(':id/frames')
  @ApiOperation({ summary: 'The last OCPP frames in and out, newest first' })
  async recentFrames(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Query(new ZodPipe(framesQuery)) query: z.output<typeof framesQuery>,
  ): Promise<ChargerFrameView[]> {
    await this.chargers.view(id);
    return this.frames.read(id, query.limit);
  }

  @Post(':id/commands/:command')
  @HttpCode(200)
  @ApiOperation({ summary: `Send a command: ${CHARGER_COMMAND_NAMES.join(', ')}` })
  async command(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Param('command') command: string,
    @Body() body: unknown,
  ): Promise<ChargerCommandResult> {
    if (!(command in chargerCommandRequests)) {
      throw new NotFoundError(
        `Unknown command "${command}". Known: ${CHARGER_COMMAND_NAMES.join(', ')}.`,
      );
    }
    const name = command as ChargerCommandName;
    const request = new ZodPipe(chargerCommandRequests[name]).transform(body);
    return this.commands.send(id, name, request);
  }
}
