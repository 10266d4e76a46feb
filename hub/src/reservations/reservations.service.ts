import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type {
  LiveFrame,
  ReservationDetailView,
  ReservationErrorCode,
  ReservationKind,
  ReservationPolicy,
  ReservationStatus,
  ReservationView,
  AdminReservationsQuery,
  TerminalStatus,
} from '@wattsup/contracts';
import { filter, type Subscription } from 'rxjs';
import type { SessionUser } from '../auth/access-token.service';
import { type ChargingEvent, ChargingService } from '../charging/charging.service';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { LiveEvents } from '../live/live-events';
import { MetricsService } from '../metrics/metrics.service';
import { MqttChargerCommands } from '../mqtt/mqtt-charger.commands';
import { OcppCommandsService } from '../ocpp/ocpp-commands.service';
import { TerminalStatusRecorder } from '../terminals/terminal-status.recorder';
import { costEstimateEur, estimateChargeEnd, pricePerKwhEur } from './charge-outcome';
import { reservationKind } from './reservation-kind';
import type { ReservationEvent } from './reservation-machine';
import {
  CAUSES,
  CHARGER_OFFLINE,
  NO_LIVE_CONNECTION,
  TERMINAL_TAKEN,
  alreadyHolding,
  brokenCause,
  chargerRefusal,
  chargingFinished,
  notAvailable,
} from './reservation-messages';
import { ReservationTimers } from './reservation-timers';
import {
  type ReservableTerminal,
  type ReservationRecord,
  reservationView,
  ReservationsRepository,
  type TransitionPatch,
} from './reservations.repository';

/** Terminal states that end a hold: the driver cannot charge there any more. */
const BROKEN_STATUSES: readonly TerminalStatus[] = ['FAULTED', 'UNAVAILABLE', 'OFFLINE'];
/** Reservations expired per statement when many fall due at once. */
const EXPIRY_BATCH = 1000;
const MY_RESERVATIONS_LIMIT = 50;
/** CancelReservation commands in flight at once when holds end together. */
const RELEASE_CONCURRENCY = 20;

/**
 * Reservations from claim to completion. The database arbitrates races (partial unique indexes),
 * the state machine decides every change, the charger itself holds the connector, BullMQ fires
 * expiries, and a periodic reconciler repairs whatever a crash or a lost job left behind.
 */
@Injectable()
export class ReservationsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReservationsService.name);
  private readonly subscriptions: Subscription[] = [];
  private reconcileTimer: NodeJS.Timeout | null = null;
  private reconciling = false;
  private sweeping: Promise<void> | null = null;
  private nextSweep: Promise<void> | null = null;
  private sweepDueBy = 0;

  constructor(
    private readonly repository: ReservationsRepository,
    private readonly timers: ReservationTimers,
    private readonly commands: OcppCommandsService,
    private readonly mqttCommands: MqttChargerCommands,
    private readonly statuses: TerminalStatusRecorder,
    private readonly charging: ChargingService,
    private readonly live: LiveEvents,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timers.start((dueAt) => this.expireDue(dueAt));
    this.subscriptions.push(
      this.charging.events.subscribe((event) => this.background(this.onCharging(event))),
      this.live.stream
        .pipe(
          filter(
            (frame): frame is LiveFrame<'terminal.status'> =>
              frame.type === 'terminal.status' && BROKEN_STATUSES.includes(frame.data.status),
          ),
        )
        .subscribe((frame) =>
          this.background(this.interrupt(frame.data.terminalId, frame.data.status)),
        ),
    );
    this.reconcileTimer = setInterval(
      () => this.background(this.reconcile()),
      this.config.RESERVATION_RECONCILE_SECONDS * 1000,
    );
    this.reconcileTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
    await this.sweeping;
  }

  async create(userId: string, terminalId: string): Promise<ReservationView> {
    const terminal = await this.repository.reservableTerminal(terminalId);
    if (!terminal) throw new NotFoundError('No such charge point.');
    const kind = this.kindFor(terminal);
    const claim = await this.repository.claim({
      userId,
      terminalId,
      kind,
      expiresAt: new Date(Date.now() + this.config.RESERVATION_HOLD_SECONDS * 1000),
      softPreviousStatus: kind === 'SOFT' ? terminal.status : null,
      cause: kind === 'SOFT' ? CAUSES.softHold : CAUSES.claimed,
    });
    if ('conflict' in claim) {
      if (claim.conflict === 'terminal') throw refusal(TERMINAL_TAKEN, 'TERMINAL_TAKEN');
      const { held } = claim;
      throw refusal(alreadyHolding(held, this.config.DISPLAY_TIME_ZONE), 'ALREADY_HOLDING', {
        reservationId: held.id,
        status: held.status,
        stationName: held.stationName,
        expiresAt: held.expiresAt.toISOString(),
      });
    }
    let record = claim.claimed;
    this.tell(record, kind === 'SOFT' ? CAUSES.softHold : CAUSES.claimed);
    if (kind === 'SOFT') {
      await this.statuses.record([
        {
          terminalId,
          status: 'RESERVED',
          source: 'HUB',
          occurredAt: new Date(),
          sourceStatus: 'soft hold',
        },
      ]);
    } else {
      record = await this.askCharger(record, terminal, claim.idTag);
    }
    this.scheduleExpiry(record);
    return reservationView(record, terminal.place);
  }

  /** Sends ReserveNow; the reservation becomes ACTIVE only if the charger accepts. */
  private async askCharger(
    record: ReservationRecord,
    terminal: ReservableTerminal,
    idTag: string,
  ): Promise<ReservationRecord> {
    let answer: string;
    try {
      answer = await this.reserveAt(terminal, record, idTag);
    } catch (error) {
      await this.apply(record.id, 'charger-refused', (error as Error).message);
      throw error;
    }
    if (answer !== 'Accepted') {
      await this.apply(record.id, 'charger-refused', chargerRefusal(answer));
      throw refusal(chargerRefusal(answer), 'CHARGER_REFUSED', { answer });
    }
    const active = await this.apply(record.id, 'charger-accepted', CAUSES.accepted);
    if (!active) throw refusal(CAUSES.pendingLost, 'CHARGER_NOT_CONFIRMED');
    return active;
  }

  /**
   * The driver's answer does not wait for the timer: should Redis fail to take it, the
   * reconciler schedules every due reservation that has none.
   */
  private scheduleExpiry(record: ReservationRecord): void {
    this.background(this.timers.schedule(record.id, record.expiresAt));
  }

  /**
   * ReserveNow for OCPP chargers, whose answer decides. MQTT chargers get the reserve command on
   * their commands topic; the topic contract has no answer, so the broker taking it (QoS 1) is
   * the acceptance, and the charger shows the connector RESERVED in its next status.
   */
  private async reserveAt(
    terminal: ReservableTerminal,
    record: ReservationRecord,
    idTag: string,
  ): Promise<string> {
    const connectorId = terminal.reserveConnectorZero ? 0 : (terminal.connectorId ?? 0);
    if (terminal.protocol === 'mqtt') {
      await this.mqttCommands.publish(terminal.chargerIdentity!, {
        command: 'reserve',
        connectorId,
        reservationId: record.id,
        idTag,
        expiresAt: record.expiresAt.toISOString(),
        ts: new Date().toISOString(),
      });
      return 'Accepted';
    }
    const result = await this.commands.sendTo(chargerOf(terminal), 'reserve-now', {
      connectorId,
      expiresAt: record.expiresAt.toISOString(),
      idTag,
      reservationId: record.ocppId,
    });
    return result.status ?? 'an empty answer';
  }

  private kindFor(terminal: ReservableTerminal): ReservationKind {
    const kind = reservationKind(terminal, this.config.RESERVATION_SOFT_HOLD_OPERATORS);
    if (!kind) {
      throw terminal.chargerId
        ? refusal(CHARGER_OFFLINE, 'CHARGER_OFFLINE')
        : refusal(NO_LIVE_CONNECTION, 'NO_LIVE_CONNECTION');
    }
    // A static terminal is rarely confirmed AVAILABLE: UNKNOWN is as good as it gets.
    const holdable = kind === 'SOFT' ? ['AVAILABLE', 'UNKNOWN'] : ['AVAILABLE'];
    if (!holdable.includes(terminal.status)) {
      throw refusal(
        notAvailable(terminal.status as Exclude<TerminalStatus, 'AVAILABLE'>),
        'NOT_AVAILABLE',
        { status: terminal.status },
      );
    }
    return kind;
  }

  async cancel(session: SessionUser, id: string): Promise<ReservationView> {
    const record = await this.owned(session, id);
    if (record.status !== 'CANCELLED') {
      const byOwner = record.userId === session.id;
      const cancelled = await this.apply(
        id,
        'cancelled',
        byOwner ? CAUSES.cancelledByDriver : CAUSES.cancelledByAdmin,
      );
      if (!cancelled) {
        const current = await this.repository.find(id);
        if (current?.status !== 'CANCELLED') {
          throw refusal(cannotCancel(current!.status), 'CANNOT_CANCEL', {
            status: current!.status,
          });
        }
      }
    }
    return this.view(id);
  }

  /** One-tap re-reserve after an interruption: a new reservation on another terminal. */
  async move(session: SessionUser, id: string, terminalId: string): Promise<ReservationView> {
    const record = await this.owned(session, id);
    if (record.status !== 'INTERRUPTED') {
      throw refusal(
        'Only an interrupted reservation can be moved: cancel this one and reserve again.',
        'CANNOT_MOVE',
        { status: record.status },
      );
    }
    return this.create(record.userId, terminalId);
  }

  async detail(session: SessionUser, id: string): Promise<ReservationDetailView> {
    await this.owned(session, id);
    const [view, transitions] = await Promise.all([this.view(id), this.repository.transitions(id)]);
    return { ...view, transitions };
  }

  policy(): ReservationPolicy {
    return { holdSeconds: this.config.RESERVATION_HOLD_SECONDS };
  }

  mine(userId: string): Promise<ReservationView[]> {
    return this.repository.mine(userId, MY_RESERVATIONS_LIMIT);
  }

  list(query: AdminReservationsQuery): Promise<ReservationView[]> {
    return this.repository.list(query);
  }

  /**
   * Expires every ACTIVE reservation due by `dueBy`. Many jobs falling due together share one
   * set-based sweep: a caller arriving during a sweep waits for the next one, which covers it.
   */
  expireDue(dueBy: Date): Promise<void> {
    this.sweepDueBy = Math.max(this.sweepDueBy, dueBy.getTime());
    if (!this.sweeping) {
      this.sweeping = this.sweep().finally(() => (this.sweeping = null));
      return this.sweeping;
    }
    this.nextSweep ??= this.sweeping
      .catch(() => undefined)
      .then(() => {
        this.nextSweep = null;
        return this.expireDue(new Date(0));
      });
    return this.nextSweep;
  }

  /**
   * Every due batch is committed before anyone is told: telling drivers and chargers thousands of
   * expiries at once keeps the event loop busy, and the later batches would wait behind it.
   */
  private async sweep(): Promise<void> {
    const dueBy = new Date(this.sweepDueBy);
    this.sweepDueBy = 0;
    const expired: ReservationRecord[] = [];
    try {
      for (;;) {
        const batch = await this.repository.expireDue(dueBy, CAUSES.expired, EXPIRY_BATCH);
        expired.push(...batch);
        if (batch.length < EXPIRY_BATCH) return;
      }
    } finally {
      const now = Date.now();
      for (const record of expired) {
        this.metrics.reservationExpiryLag.observe(
          Math.max(0, now - record.expiresAt.getTime()) / 1000,
        );
        this.tell(record, CAUSES.expired);
      }
      this.background(this.release(expired, 'ACTIVE'));
    }
  }

  private async interrupt(terminalId: string, status: TerminalStatus): Promise<void> {
    for (const id of await this.repository.liveOnTerminals([terminalId])) {
      await this.interruptOne(id, terminalId, brokenCause(status));
    }
  }

  private async interruptOne(id: string, terminalId: string, cause: string) {
    const alternatives = await this.repository.alternatives(
      terminalId,
      this.config.RESERVATION_ALTERNATIVES_RADIUS_KM,
      this.config.RESERVATION_SOFT_HOLD_OPERATORS,
    );
    await this.apply(id, 'terminal-broke', cause, { alternatives });
  }

  private async onCharging(event: ChargingEvent): Promise<void> {
    if (event.type === 'reservation-dropped') {
      const held = await this.repository.activeAtCharger(event.chargerId, event.ocppReservationId);
      if (!held) return;
      if (event.reason === 'Expired') await this.apply(held.id, 'expired', CAUSES.expiredAtCharger);
      else await this.interruptOne(held.id, held.terminalId, CAUSES.removedByCharger);
      return;
    }
    if (event.type === 'started') {
      const id = await this.repository.activeForCharging(
        event.ocppReservationId,
        event.terminalId,
        event.userId,
      );
      if (id) await this.startCharging(id, event.sessionId, event.at);
      return;
    }
    const reservationId = event.session.reservationId;
    if (!reservationId) return;
    if (event.type === 'metered') await this.refreshEstimate(reservationId, event.session.id);
    else await this.finishCharging(reservationId, event.session.id);
  }

  private async startCharging(id: string, sessionId: string, startedAt: Date): Promise<void> {
    const context = await this.repository.chargeContext(sessionId);
    const started = await this.apply(id, 'charging-started', CAUSES.chargingStarted, {
      startedAt,
      estimatedEndAt: context ? estimateChargeEnd({ ...context, now: new Date() }) : null,
    });
    if (started) await this.repository.linkChargingSession(sessionId, id);
  }

  private async refreshEstimate(id: string, sessionId: string): Promise<void> {
    const context = await this.repository.chargeContext(sessionId);
    if (!context) return;
    const updated = await this.repository.updateEstimate(
      id,
      estimateChargeEnd({ ...context, now: new Date() }),
    );
    if (updated) this.tell(updated, 'Charging.');
  }

  private async finishCharging(id: string, sessionId: string): Promise<void> {
    const context = await this.repository.chargeContext(sessionId);
    if (!context?.stoppedAt) return;
    await this.apply(
      id,
      'charging-ended',
      chargingFinished(context.energyWh, context.startedAt, context.stoppedAt),
      {
        energyWh: context.energyWh,
        costEstimateEur: costEstimateEur(
          context.energyWh,
          pricePerKwhEur(context.pricing, context.free),
        ),
        estimatedEndAt: null,
      },
    );
  }

  /**
   * Repairs what the event-driven paths missed (a crash, a lost job, an event that arrived while
   * the hub was down). Every step is a state-machine transition, so running it on every hub
   * instance at once is safe.
   */
  async reconcile(): Promise<void> {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      await this.expireDue(new Date());
      const horizon = new Date(Date.now() + 2 * this.config.RESERVATION_RECONCILE_SECONDS * 1000);
      const due = await this.repository.activeDueBefore(horizon);
      const missing = new Set(
        await this.timers.unscheduled(due.map((reservation) => reservation.id)),
      );
      for (const reservation of due.filter(({ id }) => missing.has(id))) {
        this.logger.warn(
          `expiry timer of reservation ${reservation.id} was missing: scheduled again`,
        );
        await this.timers.schedule(reservation.id, reservation.expiresAt);
      }
      const stray = await this.repository.strayReservations(
        new Date(Date.now() - this.config.OCPP_CALL_TIMEOUT_MS - 30_000),
      );
      for (const id of stray.stalePending) {
        const refused = await this.apply(id, 'charger-refused', CAUSES.pendingLost);
        if (refused) this.background(this.release([refused], 'PENDING'));
      }
      for (const broken of stray.onBrokenTerminals)
        await this.interruptOne(broken.id, broken.terminalId, brokenCause(broken.status));
      for (const started of stray.chargingStarted)
        await this.startCharging(started.id, started.sessionId, started.startedAt);
      for (const ended of stray.chargingEnded) await this.finishCharging(ended.id, ended.sessionId);
    } finally {
      this.reconciling = false;
    }
  }

  /** Applies a state-machine event, tells the driver, and undoes the hold where it ended. */
  private async apply(
    id: string,
    event: ReservationEvent,
    cause: string,
    patch?: TransitionPatch,
  ): Promise<ReservationRecord | null> {
    const changed = await this.repository.transition(id, event, cause, patch);
    if (!changed) return null;
    const { record, from } = changed;
    this.tell(record, cause);
    if (record.status !== 'ACTIVE') this.background(this.timers.unschedule(id));
    if (event === 'cancelled' || event === 'terminal-broke')
      this.background(this.release([record], from));
    return record;
  }

  /**
   * Gives the terminals back once holds end without a charge: the chargers drop their
   * reservations (a bounded number of commands at a time, so thousands of expiries do not starve
   * everything else), soft holds restore the static status they hid.
   */
  private async release(records: ReservationRecord[], from: ReservationStatus): Promise<void> {
    const soft = records.filter(
      // An interrupted soft hold leaves the terminal's broken status, which is newer.
      (record) => record.kind === 'SOFT' && record.status !== 'INTERRUPTED',
    );
    await this.statuses.record(
      soft.map((record) => ({
        terminalId: record.terminalId,
        status: record.softPreviousStatus ?? 'UNKNOWN',
        source: 'HUB',
        occurredAt: new Date(),
        sourceStatus: 'soft hold ended',
      })),
    );
    if (from !== 'ACTIVE' && from !== 'PENDING') return;
    const held = records.filter((record) => record.kind === 'CHARGER');
    if (held.length === 0) return;
    const terminals = await this.repository.reservableTerminals(held.map((r) => r.terminalId));
    let next = 0;
    const sendNext = async (): Promise<void> => {
      while (next < held.length) {
        const record = held[next++];
        const terminal = terminals.get(record.terminalId);
        if (!terminal?.chargerId || !terminal.chargerOnline) continue;
        await this.cancelAt(terminal, record).catch((error: Error) =>
          this.logger.warn(`cancelling reservation ${record.id} at the charger: ${error.message}`),
        );
      }
    };
    await Promise.all(Array.from({ length: RELEASE_CONCURRENCY }, sendNext));
  }

  private async cancelAt(terminal: ReservableTerminal, record: ReservationRecord): Promise<void> {
    if (terminal.protocol === 'mqtt') {
      await this.mqttCommands.publish(terminal.chargerIdentity!, {
        command: 'cancel',
        connectorId: terminal.reserveConnectorZero ? 0 : (terminal.connectorId ?? 0),
        reservationId: record.id,
        ts: new Date().toISOString(),
      });
      return;
    }
    await this.commands.sendTo(chargerOf(terminal), 'cancel-reservation', {
      reservationId: record.ocppId,
    });
  }

  private tell(record: ReservationRecord, cause: string): void {
    this.metrics.reservationTransitions.inc({ to: record.status });
    this.live.publish('reservation.updated', {
      reservationId: record.id,
      userId: record.userId,
      terminalId: record.terminalId,
      status: record.status,
      expiresAt:
        record.status === 'ACTIVE' || record.status === 'PENDING'
          ? record.expiresAt.toISOString()
          : null,
      cause,
      estimatedEndAt: record.estimatedEndAt?.toISOString() ?? null,
      alternatives: record.alternatives,
    });
  }

  private async owned(session: SessionUser, id: string): Promise<ReservationRecord> {
    const record = await this.repository.find(id);
    // Someone else's reservation is answered like a missing one: ids reveal nothing.
    if (!record || (record.userId !== session.id && session.role !== 'ADMIN'))
      throw new NotFoundError('No such reservation.');
    return record;
  }

  private async view(id: string): Promise<ReservationView> {
    const view = await this.repository.view(id);
    if (!view) throw new NotFoundError('No such reservation.');
    return view;
  }

  private background(work: Promise<unknown>): void {
    work.catch((error: unknown) =>
      this.logger.warn(`reservation side effect failed: ${(error as Error).message}`),
    );
  }
}

/** The charger of a terminal known to have one, as the command service needs it. */
function chargerOf(terminal: ReservableTerminal) {
  return {
    id: terminal.chargerId!,
    identity: terminal.chargerIdentity!,
    protocol: terminal.protocol!,
  };
}

function refusal(
  message: string,
  code: ReservationErrorCode,
  details?: Record<string, unknown>,
): ConflictError {
  return new ConflictError(message, { code, details });
}

function cannotCancel(status: ReservationStatus): string {
  if (status === 'IN_USE') return 'Charging has started: stop it at the charge point.';
  if (status === 'PENDING')
    return 'The charger is still confirming this reservation: try again in a moment.';
  return `This reservation has already ended (${status.toLowerCase().replace('_', ' ')}).`;
}
