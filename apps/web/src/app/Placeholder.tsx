import { Typography } from 'antd';

/** Marks a page that is still being built (to be replaced). */
export function Placeholder({ title }: { title: string }) {
  return <Typography.Title level={2}>{title}</Typography.Title>;
}
