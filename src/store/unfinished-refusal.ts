// Both stores' answer to deleting a source or destination whose deliveries are not finished (without force).
import { FerryError } from '../errors.js';

export const unfinishedRefusal = (what: string, count: number) =>
  new FerryError(
    'FERRY_ERR_CONFLICT',
    `${what} has ${count} unfinished ${count === 1 ? 'delivery' : 'deliveries'} (queued, in progress or waiting to ` +
      'retry); wait for them to finish, or delete with force to drop them',
    {},
    409,
  );
