import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { APP_CONFIG } from '../../../config/config.module';
import { BraveProvider } from './brave.provider';
import { GoogleProvider } from './google.provider';
import { OpenverseProvider } from './openverse.provider';
import { ImageSearchProvider } from './provider';
import { WikimediaProvider } from './wikimedia.provider';

/** Wikimedia's User-Agent policy asks for a name, a version and a way to learn what the client is. */
export const SEARCH_USER_AGENT = 'CatIdentifier/0.1 (self-hosted British Shorthair coat classifier; admin training-image search) Node.js';

/** The configured image-search providers, in the order the UI lists them (Openverse first, the default). */
@Injectable()
export class ImageSearchProviders {
  private readonly providers: ImageSearchProvider[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const c = config.imageSearch;
    const common = { timeoutMs: c.timeoutMs, userAgent: SEARCH_USER_AGENT };
    this.providers = [
      new OpenverseProvider({ ...common, baseUrl: c.openverseBaseUrl, clientId: c.openverseClientId, clientSecret: c.openverseClientSecret }),
      new WikimediaProvider({ ...common, baseUrl: c.wikimediaBaseUrl }),
      new GoogleProvider({ ...common, baseUrl: c.googleBaseUrl, apiKey: c.googleApiKey, cx: c.googleCx }),
      new BraveProvider({ ...common, baseUrl: c.braveBaseUrl, token: c.braveToken }),
    ];
  }

  list(): readonly ImageSearchProvider[] {
    return this.providers;
  }

  get(id: string): ImageSearchProvider | undefined {
    return this.providers.find((p) => p.id === id);
  }
}
