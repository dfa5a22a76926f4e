import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working local defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.mongoUrl).toBe('mongodb://127.0.0.1:27017/cat_identifier');
    expect(c.databaseUrl).toMatch(/^postgres:\/\/.*\/cat_identifier$/);
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.uploads.maxImageBytes).toBe(15 * 1024 * 1024);
  });

  it('lists every bad key at once, naming each', () => {
    let err: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', MONGO_URL: 'http://x', REDIS_URL: 'not a url', ML_WORKERS: '0' });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems).toHaveLength(4);
    expect(err!.message).toContain('PORT must be a whole number');
    expect(err!.message).toContain('MONGO_URL must start with mongodb://');
    expect(err!.message).toContain('REDIS_URL is not a valid URL');
    expect(err!.message).toContain('ML_WORKERS');
  });

  it('requires a real JWT secret in production and never echoes passwords in URLs', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    try {
      loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' });
      throw new Error('should have failed');
    } catch (e) {
      expect((e as Error).message).toContain('user:***@');
      expect((e as Error).message).not.toContain('hunter2');
    }
  });
});
