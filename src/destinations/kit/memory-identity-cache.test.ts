// The in-memory identity cache passes the same contract as the stores' persistent ones.
import { describeIdentityCacheContract } from '../../store/contract/identity-cache-contract.js';
import { MemoryIdentityCache } from './memory-identity-cache.js';

describeIdentityCacheContract('MemoryIdentityCache', async () => ({
  cache: new MemoryIdentityCache(),
  close: async () => {},
}));
