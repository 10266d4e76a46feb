import { Injectable, Logger } from '@nestjs/common';
import type {
  AdminSupportTicketsQuery,
  CreateSupportTicketRequest,
  SupportTicketChange,
  SupportTicketView,
} from '@wattsup/contracts';
import type { SessionUser } from '../auth/access-token.service';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { LiveEvents } from '../live/live-events';
import { OcppCommandsService } from '../ocpp/ocpp-commands.service';
import { TerminalStatusRecorder } from '../terminals/terminal-status.recorder';
import { SupportRepository } from './support.repository';

/**
 * Customer service. A driver writes about anything, optionally about a station, a terminal or one
 * of their reservations; staff answer from the admin inbox. A fault report makes the terminal's
 * status doubtful (UNKNOWN, source SUPPORT) until its charger confirms a status again, and the
 * hub asks an OCPP charger to confirm at once. Every change is published as `support.updated`
 * (the ticket as it now is), so the driver and the inbox follow without asking.
 */
@Injectable()
export class SupportService {
  private readonly logger = new Logger(SupportService.name);

  constructor(
    private readonly repository: SupportRepository,
    private readonly statuses: TerminalStatusRecorder,
    private readonly commands: OcppCommandsService,
    private readonly live: LiveEvents,
  ) {}

  async open(userId: string, request: CreateSupportTicketRequest): Promise<SupportTicketView> {
    const references = await this.repository.references({
      userId,
      stationId: request.stationId ?? null,
      terminalId: request.terminalId ?? null,
      reservationId: request.reservationId ?? null,
    });
    if (request.stationId && !references.stationExists)
      throw new InvalidInputError('stationId: no such station.');
    if (request.terminalId && !references.terminalStationId)
      throw new InvalidInputError('terminalId: no such charge point.');
    if (request.reservationId && !references.reservationTerminalId)
      throw new InvalidInputError('reservationId: not one of your reservations.');
    if (
      request.stationId &&
      references.terminalStationId &&
      request.stationId !== references.terminalStationId
    )
      throw new InvalidInputError('terminalId: this charge point is at another station.');
    const terminalId = request.terminalId ?? references.reservationTerminalId;
    const id = await this.repository.create({
      userId,
      kind: request.kind,
      subject: request.subject,
      message: request.message,
      stationId: request.stationId ?? references.terminalStationId,
      terminalId,
      reservationId: request.reservationId ?? null,
    });
    if (!id) {
      throw new ConflictError(
        'You already reported this charge point: add to your open report instead.',
      );
    }
    if (request.kind === 'FAULT' && terminalId) {
      await this.markDoubtful(terminalId, references.chargerId, references.connectorId);
    }
    return this.changed(id, 'CREATED');
  }

  private async markDoubtful(
    terminalId: string,
    chargerId: string | null,
    connectorId: number | null,
  ): Promise<void> {
    await this.statuses.record([
      {
        terminalId,
        status: 'UNKNOWN',
        source: 'SUPPORT',
        occurredAt: new Date(),
        sourceStatus: 'reported broken by a driver',
      },
    ]);
    if (!chargerId || connectorId === null) return;
    // Best effort: an OCPP charger's answer restores (or confirms) the real status at once.
    this.commands
      .send(chargerId, 'trigger-message', { message: 'StatusNotification', connectorId })
      .catch((error: Error) =>
        this.logger.debug(`status confirmation not requested: ${error.message}`),
      );
  }

  async reply(session: SessionUser, id: string, message: string): Promise<SupportTicketView> {
    const ticket = await this.owned(session, id);
    const fromStaff = session.role === 'ADMIN' && ticket.user.id !== session.id;
    await this.repository.reply(
      id,
      session.id,
      fromStaff,
      message,
      fromStaff ? 'ANSWERED' : 'OPEN',
    );
    return this.changed(id, fromStaff ? 'ANSWERED' : 'MESSAGE');
  }

  async close(session: SessionUser, id: string): Promise<SupportTicketView> {
    await this.owned(session, id);
    await this.repository.setStatus(id, 'CLOSED');
    return this.changed(id, 'CLOSED');
  }

  async ticket(session: SessionUser, id: string): Promise<SupportTicketView> {
    return this.owned(session, id);
  }

  mine(userId: string): Promise<SupportTicketView[]> {
    return this.repository.mine(userId);
  }

  inbox(query: AdminSupportTicketsQuery): Promise<SupportTicketView[]> {
    return this.repository.inbox(query);
  }

  private async owned(session: SessionUser, id: string): Promise<SupportTicketView> {
    const ticket = await this.repository.find(id);
    if (!ticket || (ticket.user.id !== session.id && session.role !== 'ADMIN'))
      throw new NotFoundError('No such support request.');
    return ticket;
  }

  /** The ticket after a change, read once for the answer and the live event. */
  private async changed(id: string, change: SupportTicketChange): Promise<SupportTicketView> {
    const ticket = await this.repository.find(id);
    if (!ticket) throw new NotFoundError('No such support request.');
    this.live.publish('support.updated', { change, ticket }, new Date(ticket.updatedAt));
    return ticket;
  }
}
