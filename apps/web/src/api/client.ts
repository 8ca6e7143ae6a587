import { print } from '@0no-co/graphql.web';
import type { TadaDocumentNode } from 'gql.tada';

/** A failed request, with the contract's error code and a message a person can act on (Chinese). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** A REST refusal's other fields, e.g. the rows of a spreadsheet it refused. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ClientHooks {
  getToken(): string | null;
  /** Called when a request that carried a token is answered UNAUTHENTICATED (expired or revoked session). */
  onUnauthenticated(): void;
}

let hooks: ClientHooks = { getToken: () => null, onUnauthenticated: () => undefined };

export function configureClient(next: ClientHooks): void {
  hooks = next;
}

const GENERIC: Record<string, string> = {
  UNAUTHENTICATED: '登录已过期或无效，请重新登录',
  FORBIDDEN: '您没有权限执行此操作',
  NOT_FOUND: '未找到该记录，可能已被删除或不在您的权限范围内',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  BAD_USER_INPUT: '输入有误，请检查后重试',
  INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后重试或联系管理员',
};

/** The server's messages are Chinese with an English gloss in parentheses: keep the Chinese. */
export function friendlyMessage(code: string, message: string | undefined): string {
  if (code === 'INTERNAL_SERVER_ERROR') return GENERIC.INTERNAL_SERVER_ERROR!;
  const chinese = (message ?? '').replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, '').trim();
  if (/[\u4e00-\u9fff]/.test(chinese)) return chinese;
  const generic = GENERIC[code] ?? '请求失败，请稍后重试';
  return message && code === 'BAD_USER_INPUT' ? `${generic}（${message}）` : generic;
}

const printed = new WeakMap<object, string>();

function queryText(doc: object & Parameters<typeof print>[0]): string {
  let text = printed.get(doc);
  if (!text) printed.set(doc, (text = print(doc)));
  return text;
}

let inFlight = 0;
let quiet: (() => void)[] = [];

function settle(): void {
  inFlight -= 1;
  if (inFlight > 0) return;
  const waiting = quiet;
  quiet = [];
  waiting.forEach((run) => run());
}

/**
 * Runs `then` once no GraphQL request is under way and the browser is idle: for what can wait (the unread
 * count), so that it does not slow the page's own first requests down (the server and a slow machine's
 * CPU are shared). Returns a cancel function.
 */
export function whenQuiet(then: () => void): () => void {
  let cancelled = false;
  let cancelIdle = () => undefined as void;
  const run = () => {
    if (cancelled) return;
    if (typeof requestIdleCallback !== 'function') return then();
    const id = requestIdleCallback(() => !cancelled && then(), { timeout: 2000 });
    cancelIdle = () => cancelIdleCallback(id);
  };
  if (inFlight === 0) run();
  else quiet.push(run);
  return () => {
    cancelled = true;
    cancelIdle();
  };
}

/** POST /graphql with the session's token. Throws ApiError; never returns partial data as success. */
export async function gqlRequest<R, V>(doc: TadaDocumentNode<R, V>, variables?: V): Promise<R> {
  inFlight += 1;
  try {
    return await request(doc, variables);
  } finally {
    settle();
  }
}

async function request<R, V>(doc: TadaDocumentNode<R, V>, variables?: V): Promise<R> {
  const token = hooks.getToken();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: queryText(doc), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('无法连接服务器，请检查网络后重试', 'NETWORK');
  }
  let body: { data?: R; errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`服务器暂时无法响应（HTTP ${response.status}），请稍后重试`, 'HTTP');
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'UNAUTHENTICATED' && token) hooks.onUnauthenticated();
    throw new ApiError(friendlyMessage(code, first.message), code);
  }
  if (!body.data) throw new ApiError(`服务器暂时无法响应（HTTP ${response.status}），请稍后重试`, 'HTTP');
  return body.data;
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('发生未知错误，请刷新页面后重试', 'UNKNOWN');
}

async function restError(response: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; [detail: string]: unknown } = {};
  try {
    body = await response.json();
  } catch {
    /* not JSON */
  }
  const { code: bodyCode, message, ...details } = body;
  const code =
    bodyCode ?? (response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : 'HTTP');
  if (code === 'UNAUTHENTICATED' && hooks.getToken()) hooks.onUnauthenticated();
  return new ApiError(friendlyMessage(code, message ?? `HTTP ${response.status}`), code, details);
}

function fileNameOf(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      /* fall through */
    }
  }
  return disposition?.match(/filename="?([^";]+)"?/i)?.[1] ?? fallback;
}

/** Downloads an Excel export (GET /exports/…, with the session's token) and saves it. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const token = hooks.getToken();
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError('无法连接服务器，请检查网络后重试', 'NETWORK');
  }
  if (!response.ok) throw await restError(response);
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** A file the API serves under the session's token (GET /files/…), as a Blob. */
export async function fetchFile(path: string): Promise<Blob> {
  const token = hooks.getToken();
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError('无法连接服务器，请检查网络后重试', 'NETWORK');
  }
  if (!response.ok) throw await restError(response);
  return response.blob();
}

/** Uploads a file as multipart field `file` (POST /imports/…); returns the JSON answer. */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const token = hooks.getToken();
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new ApiError('无法连接服务器，请检查网络后重试', 'NETWORK');
  }
  if (!response.ok) throw await restError(response);
  return (await response.json()) as T;
}

/**
 * Opens the queue dashboard (bull-board, ADMIN) in a new tab. Its pages and XHRs carry no
 * Authorization header, so POST /admin/queues/session first puts the token in a short-lived HttpOnly
 * cookie for that path. The tab is opened before the request: a tab opened after an await is blocked.
 */
export async function openQueueDashboard(): Promise<void> {
  const tab = window.open('', '_blank');
  const token = hooks.getToken();
  let response: Response;
  try {
    response = await fetch('/admin/queues/session', {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    tab?.close();
    throw new ApiError('无法连接服务器，请检查网络后重试', 'NETWORK');
  }
  if (!response.ok) {
    tab?.close();
    throw await restError(response);
  }
  if (!tab) throw new ApiError('浏览器阻止了新窗口，请允许本站弹出窗口后重试', 'POPUP_BLOCKED');
  tab.opener = null;
  tab.location.href = '/admin/queues';
}
