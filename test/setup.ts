// The day the tests judge end-of-life dates on, unless a test passes its own: findings must not change with the calendar.
// A day when the built-in standard's Python 3.10 is still supported and more than 90 days from its end, so that tests of
// other rules see only their own findings; test/unit/lifecycle.test.ts passes its own days.
// Loaded by .mocharc.json and by helpers.ts (for a file run on its own); CLI processes the tests start inherit it.
process.env.STACK_STANDARD_TODAY = '2026-06-30';
