import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { TESLA_SUPERCHARGER } from '@wattsup/contracts';

/** The `StationFilter` query parameters, as the tiles and `nearest` both take them. */
export const ApiStationFilter = () =>
  applyDecorators(
    ApiQuery({ name: 'minPowerKw', required: false, example: 50 }),
    ApiQuery({
      name: 'plug',
      required: false,
      example: 'TYPE_2,CCS_COMBO',
      description: 'any of these plugs',
    }),
    ApiQuery({ name: 'available', required: false, example: true }),
    ApiQuery({ name: 'pmr', required: false, example: true }),
    ApiQuery({ name: 'free', required: false, example: true }),
    ApiQuery({ name: 'network', required: false, example: TESLA_SUPERCHARGER }),
  );
