/**
 * Demo mode (issue 15, part 2): `mindframe demo` builds an installation a prospect believes, from a
 * seed, by simulating customers (scenario.ts) on a clock that walks through the period. Structure
 * (organisations, people, agents, channels, incidents, versions) goes through the contract's own
 * methods at simulated times, so audit entries read as they would; months of conversations, runs,
 * tickets and health history are copies of real runs written in bulk by each domain's demo-seed.ts.
 */
export { buildDemo, type DemoOptions, type DemoSummary } from './build';
export { Prng } from './prng';
export { demoInstallation, demoMetaKey, markDemoInstallation, type DemoInstallation } from './status';
