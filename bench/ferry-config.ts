// The ferry config of a bench run: one source, one Intercom destination with the default mappings, at the simulator.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WRITE_KEY = 'bench-write-key';
/** A token the simulator does not know: the first delivery gets 401 and ferry pauses the destination (events wait). */
export const PAUSING_TOKEN = 'bench-unknown-token';

/** `settings`: more destination settings, as YAML lines (`coalesce: false`). */
export function writeBenchConfig(dir: string, simUrl: string, accessToken: string, name = 'ferry.config.yaml', settings: string[] = []): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      'sources:',
      '  - id: bench',
      `    writeKey: ${WRITE_KEY}`,
      'destinations:',
      '  - id: intercom',
      '    type: intercom',
      '    settings:',
      `      accessToken: ${accessToken}`,
      `      endpoint: ${simUrl}`,
      ...settings.map((line) => `      ${line}`),
      '',
    ].join('\n'),
  );
  return file;
}

export const basicAuth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
