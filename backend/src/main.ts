import 'reflect-metadata';
import { Logger } from '@nestjs/common';
process.env.PROCESS_ROLE ??= 'api';
import { createApi, prepareApi, readConfigOrExit } from './bootstrap';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const app = await createApi();
  await prepareApi(app);
  await app.listen(config.port, '0.0.0.0');
  new Logger('Bootstrap').log(`Cat Identifier API listening on http://localhost:${config.port} (docs at /api/docs)`);
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error('The API failed to start:', err);
  process.exit(1);
});
