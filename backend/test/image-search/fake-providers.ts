/**
 * Typed access to the fake web-image-search providers (e2e/support/fake-providers.js): one local HTTP server
 * answering in Openverse / Wikimedia / Google / Brave response formats and serving generated JPEGs.
 * Shared by the unit specs of the adapters, the integration specs and the Playwright journey.
 */
import * as path from 'node:path';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
}

export interface FakeProviders {
  url: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fake = require(path.resolve(__dirname, '..', '..', '..', 'e2e', 'support', 'fake-providers.js')) as {
  startFakeProviders: (port?: number, host?: string) => Promise<FakeProviders>;
  TOTAL: Record<'openverse' | 'wikimedia' | 'google' | 'brave', number>;
};

export const startFakeProviders = fake.startFakeProviders;
export const FAKE_TOTALS = fake.TOTAL;

/** Config env pointing every provider at the fake server (keys it accepts included). */
export function fakeProviderEnv(url: string): Record<string, string> {
  return {
    OPENVERSE_BASE_URL: `${url}/openverse`,
    WIKIMEDIA_BASE_URL: `${url}/wikimedia`,
    GOOGLE_SEARCH_BASE_URL: `${url}/google`,
    GOOGLE_SEARCH_API_KEY: 'fake-key',
    GOOGLE_SEARCH_CX: 'fake-cx',
    BRAVE_SEARCH_BASE_URL: `${url}/brave`,
    BRAVE_SEARCH_TOKEN: 'fake-token',
  };
}
