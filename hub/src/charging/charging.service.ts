import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { type Observable, Subject } from 'rxjs';
import type { MeterReading } from '../ocpp/meter-values';
import { Charger } from '../chargers/charger.entity';
import { Terminal } from '../terminals/terminal.entity';
import { foldReadings, meanPowerW } from './charging-estimates';
import { ChargingSession } from './charging-session.entity';

export interface TokenCheck {
  accepted: boolean;
  userId: string | null;
}

export interface StartRequest {
  chargerId: string;
  connectorId: number;
  terminalId: string | null;
  /** OCPP 2.0.1 transactions come with the station's id; 1.6 ones get one from the hub. */
  transactionId?: string;
  idTag: string | null;
  meterStartWh: number | null;
  startedAt: Date;
  /** The OCPP reservation the charger says this transaction fulfils. */
  ocppReservationId?: number | null;
}

export interface StopRequest {
  chargerId: string;
  transactionId: string;
  meterStopWh: number | null;
  stoppedAt: Date;
  reason: string | null;
  readings: MeterReading[];
}

/** What reservations (and whoever else listens) learn about charging sessions as they happen. */
export type ChargingEvent =
  | {
      type: 'started';
      sessionId: string;
      terminalId: string | null;
      userId: string | null;
      ocppReservationId: number | null;
      at: Date;
    }
  | { type: 'metered' | 'stopped'; session: ChargingSession }
  | {
      /** The charger itself ended a reservation it held (OCPP 2.0.1 ReservationStatusUpdate). */
      type: 'reservation-dropped';
      chargerId: string;
      ocppReservationId: number;
      reason: 'Expired' | 'Removed';
    };

/** How many recent sessions set a terminal's observed power. */
const OBSERVED_SESSIONS = 20;

/** Charging sessions: who charged where, how much energy, at what real power. */
@Injectable()
export class ChargingService {
  private readonly logger = new Logger(ChargingService.name);
  private readonly changes = new Subject<ChargingEvent>();

  constructor(private readonly orm: MikroORM) {}

  get events(): Observable<ChargingEvent> {
    return this.changes.asObservable();
  }

  private em(): EntityManager {
    return this.orm.em.fork();
  }

  /** An id tag is accepted when it belongs to a Watts Up account. */
  async checkToken(idTag: string | null | undefined): Promise<TokenCheck> {
    if (!idTag) return { accepted: false, userId: null };
    const [user] = await this.em()
      .getConnection()
      .execute<{ id: string }[]>('select id from users where id_tag = ?', [idTag]);
    return { accepted: Boolean(user), userId: user?.id ?? null };
  }

  reservationDropped(
    chargerId: string,
    ocppReservationId: number,
    reason: 'Expired' | 'Removed',
  ): void {
    this.changes.next({ type: 'reservation-dropped', chargerId, ocppReservationId, reason });
  }

  async start(request: StartRequest): Promise<{ transactionId: string; token: TokenCheck }> {
    const token = await this.checkToken(request.idTag);
    const em = this.em();
    const { transactionId, created } = await em.transactional(async (tx) => {
      const transactionId =
        request.transactionId ??
        String(
          (
            await tx
              .getConnection()
              .execute<{ id: number }[]>(
                `select nextval('ocpp16_transaction_id_seq')::int as id`,
                [],
                'all',
                tx.getTransactionContext(),
              )
          )[0].id,
        );
      const existing = await tx.findOne(ChargingSession, {
        charger: request.chargerId,
        transactionId,
      });
      if (existing) return { transactionId, created: null }; // a repeated Started event
      // A session left open on this connector lost its stop (power cut): close it as such.
      await tx.nativeUpdate(
        ChargingSession,
        { charger: request.chargerId, connectorId: request.connectorId, stoppedAt: null },
        { stoppedAt: request.startedAt, stopReason: 'Superseded' },
      );
      const session = tx.create(ChargingSession, {
        charger: tx.getReference(Charger, request.chargerId),
        terminal: request.terminalId ? tx.getReference(Terminal, request.terminalId) : null,
        connectorId: request.connectorId,
        transactionId,
        idTag: request.idTag,
        userId: token.userId,
        startedAt: request.startedAt,
        meterStartWh: request.meterStartWh,
      });
      return { transactionId, created: session };
    });
    if (created) {
      this.changes.next({
        type: 'started',
        sessionId: created.id,
        terminalId: request.terminalId,
        userId: token.userId,
        ocppReservationId: request.ocppReservationId ?? null,
        at: request.startedAt,
      });
    }
    return { transactionId, token };
  }

  /** Meter readings during a session; those of unknown transactions are dropped (nothing to attach to). */
  async meter(chargerId: string, transactionId: string, readings: MeterReading[]): Promise<void> {
    if (readings.length === 0) return;
    const em = this.em();
    const session = await em.findOne(ChargingSession, {
      charger: chargerId,
      transactionId,
      stoppedAt: null,
    });
    if (!session) return;
    this.apply(session, readings);
    await em.flush();
    if (session.reservationId) this.changes.next({ type: 'metered', session });
  }

  /** The open session on a connector, for meter values sent without a transaction id. */
  async openTransactionOn(chargerId: string, connectorId: number): Promise<string | null> {
    // Asked once per connector after every (re)connection: a plain query, not an entity load.
    const [open] = await this.em()
      .getConnection()
      .execute<{ transaction_id: string }[]>(
        `select transaction_id from charging_sessions
         where charger_id = ? and connector_id = ? and stopped_at is null`,
        [chargerId, connectorId],
      );
    return open?.transaction_id ?? null;
  }

  async stop(request: StopRequest): Promise<{ found: boolean }> {
    const em = this.em();
    const session = await em.findOne(ChargingSession, {
      charger: request.chargerId,
      transactionId: request.transactionId,
    });
    if (!session || session.stoppedAt) return { found: Boolean(session) };
    this.apply(session, request.readings);
    session.stoppedAt = request.stoppedAt;
    session.stopReason = request.reason;
    if (request.meterStopWh !== null) {
      session.meterStopWh = request.meterStopWh;
      if (session.meterStartWh !== null)
        session.energyWh = request.meterStopWh - session.meterStartWh;
    }
    await em.flush();
    if (session.terminal) {
      // The stop is stored: a failure to learn from it must not fail the charger's call.
      await this.refreshObservedPower(em, session.terminal.id).catch((error: Error) =>
        this.logger.warn(`observed power of ${session.terminal!.id}: ${error.message}`),
      );
    }
    this.changes.next({ type: 'stopped', session });
    return { found: true };
  }

  private apply(session: ChargingSession, readings: MeterReading[]): void {
    const folded = foldReadings(
      { meterStartWh: session.meterStartWh, peakPowerW: session.peakPowerW },
      readings,
    );
    session.peakPowerW = folded.peakPowerW;
    session.meterStartWh = folded.meterStartWh ?? null;
    if (folded.energyWh !== undefined) session.energyWh = folded.energyWh;
    if (folded.last) {
      session.lastMeterAt = folded.last.at;
      session.lastPowerW = folded.last.powerW ?? session.lastPowerW;
      session.socPct = folded.last.socPct ?? session.socPct;
    }
  }

  /**
   * A terminal's real speed is the median mean power of its recent sessions: one short top-up or
   * one car that charges slowly does not make the terminal look broken.
   */
  private async refreshObservedPower(em: EntityManager, terminalId: string): Promise<void> {
    const terminal = await em.findOneOrFail(Terminal, terminalId);
    const sessions = await em.find(
      ChargingSession,
      { terminal: terminalId, stoppedAt: { $ne: null }, energyWh: { $gt: 0 } },
      { orderBy: { startedAt: 'desc' }, limit: OBSERVED_SESSIONS },
    );
    const means = sessions
      .map((session) =>
        meanPowerW(
          session.energyWh,
          session.startedAt,
          session.stoppedAt!,
          Number(terminal.powerKw),
        ),
      )
      .filter((mean): mean is number => mean !== null)
      .sort((a, b) => a - b);
    if (means.length === 0) return;
    const median = means[Math.floor((means.length - 1) / 2)];
    await em.nativeUpdate(
      Terminal,
      { id: terminalId },
      { observedPowerKw: Math.round(median / 10) / 100 },
    );
  }
}
