import { Type } from '@nestjs/common';

/** Modules that register BullMQ processors; loaded by the worker process only. */
export const WORKER_MODULES: Type[] = [];
