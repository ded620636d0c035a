import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { ReviewsModule } from '../reviews/reviews.module.js';
import { DocumentsController } from './documents.controller.js';
import { ReportDocumentService } from './report-document.service.js';
import { ReviewRecordService } from './review-record.service.js';

@Module({ imports: [ReportsModule, ReviewsModule], controllers: [DocumentsController], providers: [ReportDocumentService, ReviewRecordService] })
export class DocumentsModule {}
