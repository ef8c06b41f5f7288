import { Navigate, Outlet } from 'react-router';
import { FullPageSpin } from '../components/full-page-spin';
import { QueryError } from '../components/query-error';
import { useMe } from './use-me';

/** Signed-in area: nothing but the password form is reachable while a password change is due. */
export function RequireAuth() {
  const { data: me, error, isPending } = useMe();
  if (isPending) return <FullPageSpin />;
  // A 401 has already sent the browser to /login through the API client.
  if (error) return <QueryError error={error} />;
  if (me.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <Outlet />;
}
