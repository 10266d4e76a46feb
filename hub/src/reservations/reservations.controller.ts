import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  adminReservationsQuery,
  createReservationRequest,
  moveReservationRequest,
  uuidParam,
  type AdminReservationsQuery,
  type CreateReservationRequest,
  type MoveReservationRequest,
  type ReservationDetailView,
  type ReservationPolicy,
  type ReservationView,
} from '@wattsup/contracts';
import type { SessionUser } from '../auth/access-token.service';
import { CurrentSession, Roles, SessionGuard } from '../auth/session.guard';
import { ZodPipe } from '../common/zod.pipe';
import { ReservationsService } from './reservations.service';

@ApiTags('reservations')
@Controller('reservations')
@UseGuards(SessionGuard)
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Reserve an available terminal; the charger confirms before the answer (201)',
  })
  create(
    @CurrentSession() session: SessionUser,
    @Body(new ZodPipe(createReservationRequest)) body: CreateReservationRequest,
  ): Promise<ReservationView> {
    return this.reservations.create(session.id, body.terminalId);
  }

  @Get('policy')
  @ApiOperation({ summary: 'How long a hold lasts' })
  policy(): ReservationPolicy {
    return this.reservations.policy();
  }

  @Get('mine')
  @ApiOperation({ summary: 'My reservations: live ones first, then the most recent' })
  mine(@CurrentSession() session: SessionUser): Promise<ReservationView[]> {
    return this.reservations.mine(session.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One reservation with its transitions (owner or admin)' })
  detail(
    @CurrentSession() session: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
  ): Promise<ReservationDetailView> {
    return this.reservations.detail(session, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an ACTIVE reservation; cancelling twice is harmless' })
  cancel(
    @CurrentSession() session: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
  ): Promise<ReservationView> {
    return this.reservations.cancel(session, id);
  }

  @Post(':id/move')
  @ApiOperation({ summary: 'Re-reserve another terminal after an interruption (201)' })
  move(
    @CurrentSession() session: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(moveReservationRequest)) body: MoveReservationRequest,
  ): Promise<ReservationView> {
    return this.reservations.move(session, id, body.terminalId);
  }
}

@ApiTags('admin')
@Controller('admin/reservations')
@UseGuards(SessionGuard)
@Roles('ADMIN')
export class AdminReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Get()
  @ApiOperation({
    summary: 'Reservations, newest first, filtered by status, user, terminal, station, time',
  })
  list(
    @Query(new ZodPipe(adminReservationsQuery)) query: AdminReservationsQuery,
  ): Promise<ReservationView[]> {
    return this.reservations.list(query);
  }
}
