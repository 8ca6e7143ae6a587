import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoutes, preloadRoute } from './routes';
import { SessionProvider } from './auth/session';
import './styles.css';

preloadRoute();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#b7282e', borderRadius: 4 } }}
    >
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </ConfigProvider>
  </StrictMode>,
);
