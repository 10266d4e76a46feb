import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { TilesController } from './tiles.controller';
import { TilesRepository } from './tiles.repository';
import { TilesService } from './tiles.service';

@Module({
  imports: [LiveModule],
  controllers: [TilesController],
  providers: [TilesService, TilesRepository],
})
export class TilesModule {}
