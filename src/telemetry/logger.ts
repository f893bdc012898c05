// pino JSON logs; pretty-printed when a person is watching a terminal.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? (process.stdout.isTTY === true && process.env.CI === undefined);
  return pino({
    level: options.level ?? process.env.FERRY_LOG_LEVEL ?? 'info',
    // Secrets never reach a log line, whatever object is logged.
    redact: { paths: ['*.accessToken', '*.authorization', '*.headers.authorization', 'accessToken'], censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
}
