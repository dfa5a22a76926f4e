import { Type } from '@nestjs/common';

/**
 * Feature modules of the API process (controllers + services). Each lives in modules/<domain>/.
 * Their job processors are registered only by the worker (see worker-modules.ts).
 */
export const DOMAIN_MODULES: Type[] = [];
