import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AccessModule } from './access/access.module.js';
import { AuditModule } from './audit/audit.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CoreModule, type ApiDeps } from './core.module.js';
import { CyclesModule } from './cycles/cycles.module.js';
import { HealthModule } from './health/health.module.js';
import { AuditInterceptor } from './http/audit.interceptor.js';
import { AuthGuard } from './http/auth.guard.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { ProblemFilter } from './http/problem.filter.js';
import { ProcessLiveness } from './http/process-liveness.js';
import { MeModule } from './me/me.module.js';
import { WellFormedTextPipe } from './http/well-formed-text.pipe.js';
import { OrgModule } from './org/org.module.js';
import { QuotaModule } from './quota/quota.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { TasksModule } from './tasks/tasks.module.js';

@Module({})
export class AppModule {
  static with(deps: ApiDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.with(deps), AccessModule, AuthModule, OrgModule, CyclesModule, ReviewsModule, TasksModule, ReportsModule, QuotaModule, AuditModule, DocumentsModule, HealthModule, MeModule],
      providers: [
        ProcessLiveness,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useClass: WellFormedTextPipe },
        // Order matters: the audit sees the final outcome, including an idempotent replay.
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
