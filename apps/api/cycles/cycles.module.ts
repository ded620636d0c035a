import { Module } from '@nestjs/common';
import { CyclesController } from './cycles.controller.js';
import { CycleDashboardService } from './cycle-dashboard.service.js';
import { CyclesService } from './cycles.service.js';
import { OperationsModule } from '../operations/operations.module.js';

@Module({ imports: [OperationsModule], controllers: [CyclesController], providers: [CyclesService, CycleDashboardService], exports: [CyclesService] })
export class CyclesModule {}
