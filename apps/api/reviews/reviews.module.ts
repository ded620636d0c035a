import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module.js';
import { ReviewActions } from './review-actions.service.js';
import { ReviewHistoryService } from './review-history.service.js';
import { ReviewReader } from './review-reader.service.js';
import { ReviewsController } from './reviews.controller.js';

@Module({ imports: [CyclesModule], controllers: [ReviewsController], providers: [ReviewReader, ReviewActions, ReviewHistoryService], exports: [ReviewReader, ReviewHistoryService] })
export class ReviewsModule {}
