import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { API_PROBLEMS, type ProblemStatus } from './api-problems.js';

/** @ApiProblems of every route, by the operationId Nest gives it (`Controller_method`). */
export function routeProblems(app: INestApplication): Map<string, ProblemStatus[]> {
  const byOperation = new Map<string, ProblemStatus[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const controller of module.controllers.values()) {
      const prototype = (controller.metatype as { prototype?: Record<string, unknown> } | null)?.prototype;
      if (!prototype) continue;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        const statuses = typeof handler === 'function' ? (Reflect.getMetadata(API_PROBLEMS, handler) as ProblemStatus[] | undefined) : undefined;
        if (statuses) byOperation.set(`${controller.name}_${name}`, statuses);
      }
    }
  }
  return byOperation;
}
