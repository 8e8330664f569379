// The day the tests judge end-of-life dates on, unless a test passes its own: findings must not change with the calendar.
// Loaded by .mocharc.json and by helpers.ts (for a file run on its own); CLI processes the tests start inherit it.
process.env.STACK_STANDARD_TODAY = '2026-12-07';
