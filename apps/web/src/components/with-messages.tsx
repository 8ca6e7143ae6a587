import { App } from 'antd';
import type { ComponentType } from 'react';

/**
 * Gives a page antd's App context (message, modal, notification) for App.useApp(). Loaded with the
 * page's own chunk, not the entry, so a liaison's first load does not carry modal and notification code.
 */
export function withMessages<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  function WithMessages(props: P) {
    return (
      <App component={false}>
        <Page {...props} />
      </App>
    );
  }
  return WithMessages;
}
