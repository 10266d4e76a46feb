import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  adminSupportTicketsQuery,
  createSupportTicketRequest,
  supportReplyRequest,
  uuidParam,
  type AdminSupportTicketsQuery,
  type CreateSupportTicketRequest,
  type SupportReplyRequest,
  type SupportTicketView,
} from '@wattsup/contracts';
import type { SessionUser } from '../auth/access-token.service';
import { CurrentSession, Roles, SessionGuard } from '../auth/session.guard';
import { ZodPipe } from '../common/zod.pipe';
import { SupportService } from './support.service';

@ApiTags('support')
@Controller('support/tickets')
@UseGuards(SessionGuard)
export class SupportController {
  constructor(private readonly support: SupportService) {}

  @Post()
  @ApiOperation({
    summary: 'Write to customer service; a FAULT report marks the terminal doubtful (201)',
  })
  open(
    @CurrentSession() session: SessionUser,
    @Body(new ZodPipe(createSupportTicketRequest)) body: CreateSupportTicketRequest,
  ): Promise<SupportTicketView> {
    return this.support.open(session.id, body);
  }

  @Get('mine')
  @ApiOperation({ summary: 'My support requests with their threads, latest activity first' })
  mine(@CurrentSession() session: SessionUser): Promise<SupportTicketView[]> {
    return this.support.mine(session.id);
  }

  @Get(':id')
  ticket(
    @CurrentSession() session: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
  ): Promise<SupportTicketView> {
    return this.support.ticket(session, id);
  }

  @Post(':id/messages')
  @ApiOperation({ summary: 'Add to the thread: a driver reopens it, staff answer it (201)' })
  reply(
    @CurrentSession() session: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(supportReplyRequest)) body: SupportReplyRequest,
  ): Promise<SupportTicketView> {
    return this.support.reply(session, id, body.message);
  }

  @Post(':id/close')
  @HttpCode(200)
  close(
    @CurrentSession() session: SessionUser,
    @Param('id', new ZodPipe(uuidParam)) id: string,
  ): Promise<SupportTicketView> {
    return this.support.close(session, id);
  }
}

@ApiTags('admin')
@Controller('admin/support/tickets')
@UseGuards(SessionGuard)
@Roles('ADMIN')
export class AdminSupportController {
  constructor(private readonly support: SupportService) {}

  @Get()
  @ApiOperation({ summary: 'The support inbox: open first (oldest waiting first), then answered' })
  inbox(
    @Query(new ZodPipe(adminSupportTicketsQuery)) query: AdminSupportTicketsQuery,
  ): Promise<SupportTicketView[]> {
    return this.support.inbox(query);
  }
}
