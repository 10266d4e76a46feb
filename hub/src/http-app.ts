import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import type { AppConfig } from './config/config';
import { RoutedWsAdapter } from './live/routed-ws.adapter';
import { UpgradeRouter } from './websocket/upgrade-router';

export const API_PREFIX = 'api/v1';
const DEFAULT_WEB_DIST = join(__dirname, '..', '..', 'web', 'dist');
/** Paths the hub answers itself, never files of the web app. */
const HUB_PATHS = /^\/(api|tiles|live|ocpp|health|metrics)(\/|$)/;

/** Builds the hub exactly as it runs in production; tests call it too. */
export async function createHubApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          workerSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.use(cookieParser());
  app.enableCors({
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    credentials: true,
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['health', 'metrics', { path: 'tiles/{*tile}', method: RequestMethod.GET }],
  });
  app.useWebSocketAdapter(new RoutedWsAdapter(app, app.get(UpgradeRouter)));
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('Watts Up hub')
    .setDescription('Live charger status, stations, reservations and fleet operations.')
    .setVersion('1')
    .addCookieAuth('wattsup_access')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  const webDist = config.WEB_DIST_DIR ?? DEFAULT_WEB_DIST;
  if (existsSync(join(webDist, 'index.html'))) {
    // Mounted before the routes: the hub's own paths skip it, so an API call costs no file lookup.
    const webApp = express.static(webDist, { index: 'index.html', maxAge: '1h' });
    app.use((request: Request, response: Response, next: NextFunction) =>
      HUB_PATHS.test(request.path) ? next() : webApp(request, response, next),
    );
  }
  return app;
}
