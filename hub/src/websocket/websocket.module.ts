import { Global, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { UpgradeRouter } from './upgrade-router';

@Global()
@Module({ providers: [UpgradeRouter], exports: [UpgradeRouter] })
export class WebSocketModule implements OnApplicationBootstrap {
  constructor(
    private readonly router: UpgradeRouter,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    this.router.attach(this.adapterHost.httpAdapter.getHttpServer());
  }
}
