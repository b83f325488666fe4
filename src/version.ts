// Kept in step with package.json by a test (src/version.test.ts).
export const VERSION = '0.1.0';
