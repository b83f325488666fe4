import { describeStoreContract } from '../contract.js';
import { MemoryStore } from './memory-store.js';

describeStoreContract('memory', async (options) => {
  // Memory keeps nothing across processes: "reopening" hands back the same instance.
  const store = new MemoryStore(options);
  return { open: async () => store };
});
