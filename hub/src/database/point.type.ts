import { Type } from '@mikro-orm/core';

export interface LonLat {
  lon: number;
  lat: number;
}

/** PostGIS `geometry(Point,4326)` mapped to `{ lon, lat }`; the database does the WKT work. */
export class PointType extends Type<LonLat | null, string | null> {
  override convertToDatabaseValue(value: LonLat | null): string | null {
    return value ? `POINT(${value.lon} ${value.lat})` : null;
  }

  override convertToJSValue(value: string | null): LonLat | null {
    const match = value ? /^POINT\((-?[\d.e+-]+) (-?[\d.e+-]+)\)$/i.exec(value) : null;
    return match ? { lon: Number(match[1]), lat: Number(match[2]) } : null;
  }

  override convertToJSValueSQL(key: string): string {
    return `ST_AsText(${key})`;
  }

  override convertToDatabaseValueSQL(key: string): string {
    return `ST_GeomFromText(${key}, 4326)`;
  }

  override getColumnType(): string {
    return 'geometry(Point,4326)';
  }
}
