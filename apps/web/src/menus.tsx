import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  DashboardOutlined,
  FileExcelOutlined,
  TableOutlined,
  TrophyOutlined,
  CloudUploadOutlined,
  FileTextOutlined,
  ImportOutlined,
  QuestionCircleOutlined,
  SendOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from './auth/session';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  roles: Role[];
  /** A heading the entry sits under in the side bar (consecutive entries share it). */
  group?: string;
}

const OFFICE: Role[] = ['SUPERVISOR', 'ADMIN'];
const READERS: Role[] = ['SUPERVISOR', 'LEADER', 'ADMIN'];
const EVERYONE: Role[] = ['LIAISON', 'SUPERVISOR', 'LEADER', 'ADMIN'];
const REGISTRY_GROUP = '行政区划与账户';

/** Each role sees only its own menus; the first entry a role has is its home page. */
export const MENU: MenuEntry[] = [
  { path: '/tasks', label: '我的任务', icon: <UnorderedListOutlined />, roles: ['LIAISON'] },
  { path: '/matrix', label: '责任矩阵', icon: <TableOutlined />, roles: ['LEADER'] },
  { path: '/overdue', label: '逾期督办', icon: <WarningOutlined />, roles: OFFICE },
  { path: '/notices', label: '督办单', icon: <AlertOutlined />, roles: EVERYONE },
  { path: '/reviews', label: '审核队列', icon: <AuditOutlined />, roles: OFFICE },
  { path: '/ledger', label: '台账', icon: <FileExcelOutlined />, roles: ['LIAISON'] },
  { path: '/plans', label: '规划管理', icon: <FileTextOutlined />, roles: READERS },
  { path: '/plans/import', label: '导入规划', icon: <CloudUploadOutlined />, roles: OFFICE },
  { path: '/matrix', label: '责任矩阵', icon: <TableOutlined />, roles: OFFICE },
  { path: '/progress', label: '任务进展', icon: <DashboardOutlined />, roles: READERS },
  { path: '/scorecards', label: '部门排名与指标', icon: <BarChartOutlined />, roles: READERS },
  { path: '/evaluations', label: '考核评估', icon: <TrophyOutlined />, roles: READERS },
  { path: '/notifications', label: '消息', icon: <BellOutlined />, roles: EVERYONE },
  { path: '/deliveries', label: '投递记录', icon: <SendOutlined />, roles: ['ADMIN'] },
  { path: '/registry', label: '行政区划与部门', icon: <ApartmentOutlined />, roles: OFFICE, group: REGISTRY_GROUP },
  {
    path: '/registry/provisional',
    label: '待确认部门',
    icon: <QuestionCircleOutlined />,
    roles: OFFICE,
    group: REGISTRY_GROUP,
  },
  { path: '/users', label: '用户管理', icon: <TeamOutlined />, roles: OFFICE, group: REGISTRY_GROUP },
  { path: '/registry/import', label: '登记表导入', icon: <ImportOutlined />, roles: OFFICE, group: REGISTRY_GROUP },
];

export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((m) => m.roles.includes(role));
}

export function homeFor(role: Role): string {
  return menuFor(role)[0]?.path ?? '/';
}
