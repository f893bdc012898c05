// vitest global setup: one throw-away PostgreSQL server for the whole run (FERRY_TEST_DATABASE_URL names another);
// tests get its URL through inject('postgresUrl'). Outside CI, a machine without PostgreSQL skips those tests.
import type { TestProject } from 'vitest/node';
import { startThrowawayCluster, type ThrowawayCluster } from './throwaway-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server's URL (superuser), or '' when none could be started. */
    postgresUrl: string;
    /** Why there is no server ('' when there is). */
    postgresUnavailable: string;
  }
}

let cluster: ThrowawayCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.FERRY_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('postgresUnavailable', '');
    return;
  }
  try {
    cluster = await startThrowawayCluster();
    project.provide('postgresUrl', cluster.url);
    project.provide('postgresUnavailable', '');
  } catch (error) {
    if (process.env.CI) throw error;
    project.provide('postgresUrl', '');
    project.provide('postgresUnavailable', (error as Error).message);
  }
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
