import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ComponentType, ReactNode } from 'react';

/** The console's Ant Design settings: Chinese texts, the party-red primary colour. */
const THEME = {
  token: { colorPrimary: '#b7282e', borderRadius: 4 },
  // One fixed key: every page has its own provider, and they all share one set of CSS variables.
  cssVar: { key: 'css-var-luoshi' },
};

export function AntdProvider({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
      {children}
    </ConfigProvider>
  );
}

/**
 * Ant Design's context for one page. The entry, the app frame and the matrix's first paint carry no
 * antd at all: each page that uses antd brings the provider in its own chunks (see routes.tsx).
 */
export function withAntd<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  function WithAntd(props: P) {
    return (
      <AntdProvider>
        <Page {...props} />
      </AntdProvider>
    );
  }
  return WithAntd;
}
