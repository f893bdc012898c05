// The frame around every page: the name, the main navigation, sign-out, the paused-destinations banner.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { PausedBanner } from './paused-banner.js';

const NAV = [
  { href: '/', label: 'Destinations', active: (path: string) => path === '/' || path.startsWith('/destinations') || path.startsWith('/deliveries') },
  { href: '/catalog', label: 'Catalog', active: (path: string) => path.startsWith('/catalog') },
  { href: '/sources', label: 'Sources', active: (path: string) => path.startsWith('/sources') },
];

export function Layout({ children, onSignOut }: { children: ReactNode; onSignOut: () => void }) {
  const [path] = useLocation();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link href="/" className="brand">
          ferry
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={item.active(path) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <PausedBanner />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
