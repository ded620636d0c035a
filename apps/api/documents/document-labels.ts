import { CLASSIFICATION_LABELS_VI, type Classification } from '../../../libs/domain/classification.js';
import type { CyclePeriod } from '../../../libs/domain/cycle-period.js';
import type { DocumentLang } from './document-format.js';

// Every word a printed document shows, Vietnamese first (DOMAIN.md's names), English on request.

const CLASSIFICATION_LABELS_EN: Record<Classification, string> = {
  excellent: 'Excellently completed duties',
  good: 'Well completed duties',
  completed: 'Completed duties',
  not_completed: 'Did not complete duties',
};

const VI = {
  classification: CLASSIFICATION_LABELS_VI,
  goodOrBetter: 'Hoàn thành tốt nhiệm vụ trở lên',
  total: 'Tổng số',
  reportTitle: (year: number, period: CyclePeriod = { kind: 'year' }) =>
    `BÁO CÁO KẾT QUẢ KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ${
      period.kind === 'quarter' ? `QUÝ ${period.quarter} ` : period.kind === 'term' ? 'NHIỆM KỲ, ' : period.kind === 'ad_hoc' ? `ĐỘT XUẤT (${period.title}), ` : ''
    }NĂM ${year}`,
  unit: 'Đơn vị',
  parentUnit: 'Cấp trên',
  cycle: 'Đợt kiểm điểm',
  ruleSet: 'Quy định áp dụng',
  status: 'Trạng thái',
  reportStatus: { collecting: 'Đang tổng hợp', calibration_needed: 'Cần điều chỉnh tỷ lệ', ready: 'Sẵn sàng nộp', submitted: 'Đã nộp' } as Record<string, string>,
  peopleTable: 'Kết quả xếp loại đảng viên (cá nhân)',
  unitsTable: 'Kết quả xếp loại tổ chức (tập thể)',
  childrenTable: 'Kết quả theo đơn vị trực thuộc',
  noChildren: 'Không có đơn vị trực thuộc.',
  classificationHeader: 'Xếp loại',
  count: 'Số lượng',
  share: 'Tỷ lệ',
  people: 'Cá nhân',
  units: 'Tập thể',
  remediationPlans: 'Số kế hoạch khắc phục hạn chế, khuyết điểm',
  fourGoodCells: (achieved: number, total: number) => `Chi bộ đạt "4 tốt": ${achieved}/${total} chi bộ được đánh giá`,
  summary: 'Tóm tắt',
  submitted: (name: string, date: string) => `Người nộp: ${name}, ngày ${date}`,
  notSubmitted: 'Chưa nộp',
  signaturePlace: 'Ngày ...... tháng ...... năm ........',
  signatureRole: 'T/M CẤP ỦY',
  signatureHint: '(Ký, ghi rõ họ tên)',
  // The XLSX's sheets and the subjects' table.
  reportSheet: 'Báo cáo',
  subjectsSheet: 'Đối tượng',
  levelSheet: { province: 'Cấp tỉnh', district: 'Cấp huyện', grassroots: 'Cấp cơ sở', cell: 'Chi bộ', other: 'Khác' } as Record<string, string>,
  subjectId: 'Mã',
  subjectName: 'Đối tượng',
  subjectType: 'Loại',
  subjectTypes: { person: 'Cá nhân', unit: 'Tập thể' } as Record<string, string>,
  reviewStatus: 'Tình trạng',
  score: 'Điểm',
  parentName: 'Đơn vị cấp trên',
  unitId: 'Mã đơn vị',
};

export type DocumentLabels = typeof VI;

const EN: DocumentLabels = {
  classification: CLASSIFICATION_LABELS_EN,
  goodOrBetter: 'Well completed or better',
  total: 'Total',
  reportTitle: (year: number, period: CyclePeriod = { kind: 'year' }) =>
    period.kind === 'quarter'
      ? `REPORT ON THE QUARTERLY REVIEW AND CLASSIFICATION, Q${period.quarter}/${year}`
      : period.kind === 'term'
        ? `REPORT ON THE TERM REVIEW AND CLASSIFICATION, ${year}`
        : period.kind === 'ad_hoc'
          ? `REPORT ON THE AD HOC REVIEW AND CLASSIFICATION (${period.title}), ${year}`
          : `REPORT ON THE ANNUAL REVIEW AND CLASSIFICATION, ${year}`,
  unit: 'Unit',
  parentUnit: 'Level above',
  cycle: 'Review cycle',
  ruleSet: 'Rule set',
  status: 'Status',
  reportStatus: { collecting: 'Collecting', calibration_needed: 'Calibration needed', ready: 'Ready to submit', submitted: 'Submitted' },
  peopleTable: 'Classification of members (individuals)',
  unitsTable: 'Classification of organisations (collectives)',
  childrenTable: 'Results by sub-unit',
  noChildren: 'No sub-units.',
  classificationHeader: 'Classification',
  count: 'Count',
  share: 'Share',
  people: 'Individuals',
  units: 'Collectives',
  remediationPlans: 'Remediation plans',
  fourGoodCells: (achieved: number, total: number) => `Cells that achieved "four good": ${achieved} of ${total} cells rated`,
  summary: 'Summary',
  submitted: (name: string, date: string) => `Submitted by ${name} on ${date}`,
  notSubmitted: 'Not submitted',
  signaturePlace: 'Date: ......../......../............',
  signatureRole: 'ON BEHALF OF THE COMMITTEE',
  signatureHint: '(Signature and full name)',
  reportSheet: 'Report',
  subjectsSheet: 'Subjects',
  levelSheet: { province: 'Province', district: 'District', grassroots: 'Grassroots', cell: 'Cell', other: 'Other' },
  subjectId: 'Id',
  subjectName: 'Subject',
  subjectType: 'Type',
  subjectTypes: { person: 'Individual', unit: 'Collective' },
  reviewStatus: 'Review status',
  score: 'Score',
  parentName: 'Parent unit',
  unitId: 'Unit id',
};

export function labelsFor(lang: DocumentLang): DocumentLabels {
  return lang === 'en' ? EN : VI;
}
