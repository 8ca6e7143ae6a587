import { createHash } from 'node:crypto';
import type { PublicPlan, PublicPlanLink } from './public-plan.type.js';

const STATUS: Record<string, string> = {
  NOT_STARTED: '未开始',
  IN_PROGRESS: '推进中',
  PENDING_REVIEW: '待审核',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
};
const ROLE: Record<string, string> = { LEAD: '牵头', COOPERATING: '配合', RESPONSIBLE: '责任' };
const ATTAINMENT: Record<string, string> = {
  ON_TRACK: '达标或按进度',
  AT_RISK: '进度滞后',
  OFF_TRACK: '未达标',
  UNKNOWN: '暂无法判断',
};

/**
 * The one stylesheet, inline (one request on a phone), allowed by its hash in the CSP below rather
 * than by 'unsafe-inline'. Element selectors only: no style attributes, no scripts.
 */
const STYLE = [
  'body{font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:60rem;padding:0 1rem 2rem;color:#1f1f1f}',
  'h1{font-size:1.4rem;margin:1rem 0 .25rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:2px solid #b71c1c}',
  'h3{font-size:1rem;margin:1rem 0 .25rem}p,ul{margin:.25rem 0}ul{padding-left:1.2rem}',
  'table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}',
  '.meta,.note,small{color:#595959}.late{color:#b71c1c;font-weight:600}.done{color:#1b5e20}',
  'progress{width:5rem}blockquote{margin:.25rem 0 .25rem .5rem;padding-left:.5rem;border-left:3px solid #ddd}',
  'section{margin-bottom:1rem}a{color:#0d47a1}',
].join('');

/** 政务公开 pages load nothing: no script, no image, no frame, no form, no font — only the style above. */
export const PUBLIC_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const period = (p: { periodStart: number | null; periodEnd: number | null }) =>
  p.periodStart && p.periodEnd ? `${p.periodStart}—${p.periodEnd}年` : '';

export function renderPlan(plan: PublicPlan): string {
  const s = plan.summary;
  const meta = [plan.issuer, plan.documentNumber, period(plan)].filter(Boolean).map(escapeHtml).join(' · ');
  const measures = plan.measures
    .map((m) => {
      const rows = m.departments
        .map((t) => {
          const label = escapeHtml(STATUS[t.status] ?? t.status);
          const state = `${t.status === 'COMPLETED' ? `<span class="done">${label}</span>` : label}${t.overdue ? ' <span class="late">已逾期</span>' : ''}`;
          const reports = t.reports
            .map(
              (r) =>
                `<blockquote><small>${escapeHtml(r.submittedOn)} · ${r.percent}%</small><br>${escapeHtml(r.narrative)}</blockquote>`,
            )
            .join('');
          return `<tr><td>${escapeHtml(t.department)}<br><small>${escapeHtml(ROLE[t.role] ?? t.role)}</small></td><td>${state}</td><td><progress max="100" value="${t.percent}">${t.percent}%</progress> ${t.percent}%</td><td>${escapeHtml(t.dueDate)}</td></tr>${reports ? `<tr><td colspan="4">${reports}</td></tr>` : ''}`;
        })
        .join('');
      const table = rows
        ? `<table><thead><tr><th>责任单位</th><th>状态</th><th>进度</th><th>完成时限</th></tr></thead><tbody>${rows}</tbody></table>`
        : '<p class="note">暂无责任单位</p>';
      return `<section><h3>${escapeHtml(m.code)} ${escapeHtml(m.title)}</h3>${m.section ? `<p class="meta">${escapeHtml(m.section)}</p>` : ''}${table}</section>`;
    })
    .join('');
  const indicators = plan.indicators.length
    ? `<h2>指标完成情况</h2><table><thead><tr><th>指标</th><th>目标</th><th>最新值</th><th>评价</th></tr></thead><tbody>${plan.indicators
        .map(
          (i) =>
            `<tr><td>${escapeHtml(i.name)}${i.unit ? `<small>（${escapeHtml(i.unit)}）</small>` : ''}</td><td>${i.target ? `${escapeHtml(i.target)}${i.targetYear ? `<small>（${i.targetYear}年）</small>` : ''}` : '—'}</td><td>${i.value ? `${escapeHtml(i.value)}${i.valueYear ? `<small>（${i.valueYear}年）</small>` : ''}` : '—'}</td><td>${escapeHtml(ATTAINMENT[i.status] ?? i.status)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  return page(
    `${plan.title} · 落实情况`,
    `<header><p class="meta"><a href="/public/jurisdictions/${escapeHtml(plan.jurisdiction.id)}/plans">${escapeHtml(plan.jurisdiction.name)}</a> · 政务公开</p><h1>${escapeHtml(plan.title)}</h1><p class="meta">${meta}</p></header>` +
      `<p>截至 ${escapeHtml(plan.asOf)}：措施 ${s.measures} 项，任务 ${s.tasks} 项，已完成 ${s.completed} 项，逾期 ${s.overdue} 项，平均进度 ${s.averagePercent}%。</p>` +
      `<h2>任务落实情况</h2>${measures || '<p class="note">暂无措施</p>'}${indicators}` +
      `<footer><p class="note">本页由落实系统生成，数据随任务进展更新。<a href="/public/plans/${escapeHtml(plan.id)}.json">JSON</a></p></footer>`,
  );
}

export function renderJurisdiction(jurisdiction: { id: string; name: string }, plans: PublicPlanLink[]): string {
  const items = plans
    .map(
      (p) =>
        `<li><a href="/public/plans/${escapeHtml(p.id)}">${escapeHtml(p.title)}</a>${p.documentNumber || p.periodStart ? `<br><small>${[p.documentNumber, period(p)].filter(Boolean).map(escapeHtml).join(' · ')}</small>` : ''}</li>`,
    )
    .join('');
  return page(
    `${jurisdiction.name} · 规划落实情况公开`,
    `<h1>${escapeHtml(jurisdiction.name)} 规划落实情况公开</h1>${items ? `<ul>${items}</ul>` : '<p class="note">暂无公开的规划。</p>'}`,
  );
}

export function renderNotFound(): string {
  return page('未找到', '<h1>未找到</h1><p>该页面不存在或未公开。</p>');
}
