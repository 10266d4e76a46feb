// Environment every hub test starts from; each test app overrides what it needs.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.JWT_SECRET ??= 'test-secret-that-is-long-enough-for-hs256';
