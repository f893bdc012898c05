// The in-memory identity cache passes the same contract as the stores' persistent ones.
import { MemoryIdentityCache } from '../../destinations/kit/memory-identity-cache.js';
import { describeIdentityCacheContract } from './identity-cache-contract.js';

describeIdentityCacheContract('MemoryIdentityCache', async () => ({
  cache: new MemoryIdentityCache(),
  close: async () => {},
}));
