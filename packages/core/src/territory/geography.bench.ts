// Prints how long the official geography takes to load on first use, and a lookup afterwards.
// Run: npx tsx src/territory/geography.bench.ts
import { geographyLoadTimes, getOfficialTerritory } from './geography.ts';

let started = performance.now();
getOfficialTerritory('dep:92');
console.log(`first call (regions, départements, communes): ${(performance.now() - started).toFixed(0)} ms`);
started = performance.now();
getOfficialTerritory('epci:200054781');
console.log(`first EPCI call: ${(performance.now() - started).toFixed(0)} ms`);
started = performance.now();
for (let i = 0; i < 100_000; i++) getOfficialTerritory('com:92012');
console.log(`100 000 lookups afterwards: ${(performance.now() - started).toFixed(0)} ms`);
console.log('load times reported by the module:', geographyLoadTimes());
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
