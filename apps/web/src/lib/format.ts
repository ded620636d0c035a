// Dates as people in Vietnam read them: dd/MM/yyyy, in Asia/Ho_Chi_Minh, whatever the device's zone.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : '—';
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? `${dateFormat.format(new Date(iso))} ${timeFormat.format(new Date(iso))}` : '—';
}

export function formatPercent(value: number): string {
  return `${value.toFixed(2)}%`;
}
