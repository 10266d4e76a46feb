import { RefreshToken } from '../auth/refresh-token.entity';
import { ChargerEvent } from '../chargers/charger-event.entity';
import { Charger } from '../chargers/charger.entity';
import { ChargingSession } from '../charging/charging-session.entity';
import { Reservation } from '../reservations/reservation.entity';
import { Station } from '../stations/station.entity';
import { TerminalStatusChange } from '../terminals/terminal-status-change.entity';
import { Terminal } from '../terminals/terminal.entity';
import { User } from '../users/user.entity';
import { Telemetry } from '../vehicles/telemetry.entity';
import { Vehicle } from '../vehicles/vehicle.entity';

export const ENTITIES = [
  User,
  RefreshToken,
  Station,
  Terminal,
  TerminalStatusChange,
  Charger,
  ChargerEvent,
  ChargingSession,
  Vehicle,
  Telemetry,
  Reservation,
];
