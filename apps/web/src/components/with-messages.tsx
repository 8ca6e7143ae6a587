import { App } from 'antd';
import type { ComponentType } from 'react';
import { AntdProvider } from './antd-provider';

/**
 * Gives a page antd's context and App (message, modal, notification) for App.useApp(). Loaded with the
 * page's own chunk, not the entry, so a liaison's first load does not carry modal and notification code.
 */
export function withMessages<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  function WithMessages(props: P) {
    return (
      <AntdProvider>
        <App component={false}>
          <Page {...props} />
        </App>
      </AntdProvider>
    );
  }
  return WithMessages;
}
