import { Module } from '@nestjs/common';
import { ReviewActions } from './review-actions.service.js';
import { ReviewHistoryService } from './review-history.service.js';
import { ReviewReader } from './review-reader.service.js';
import { ReviewsController } from './reviews.controller.js';

@Module({ controllers: [ReviewsController], providers: [ReviewReader, ReviewActions, ReviewHistoryService], exports: [ReviewReader] })
export class ReviewsModule {}
