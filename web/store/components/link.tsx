/** An anchor that navigates inside the storefront without reloading (new-tab clicks still work as usual). */
import type { AnchorHTMLAttributes } from 'preact';
import { isBrowserClick, navigate } from '../lib/router.js';

/** Props of Link: an anchor's, with a required href and a hook run before navigating (tracking). */
export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; onNavigate?: () => void };

/** A storefront link. */
export function Link({ href, onNavigate, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(event) => {
        if (isBrowserClick(event)) return;
        event.preventDefault();
        onNavigate?.();
        navigate(href);
      }}
    />
  );
}
