// Which paths belong to the API process itself; every other path belongs to the web app.

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Not /api/*, /docs*, /health, /ready: a path the web app answers (a file or a client-side route). */
export function isWebAppPath(path: string): boolean {
  if (isApiPath(path) || path.startsWith('/docs')) return false;
  return !['/health', '/ready'].some((p) => path === p || path.startsWith(`${p}/`));
}
