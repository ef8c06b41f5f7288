import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/me', { signal })),
  staleTime: 60_000,
});

export const login = (username: string, password: string) =>
  unwrap(api.POST('/api/auth/login', { body: { username, password } }));

export const logout = () => unwrap(api.POST('/api/auth/logout'));

export const changePassword = (currentPassword: string, newPassword: string) =>
  unwrap(api.POST('/api/auth/password', { body: { currentPassword, newPassword } }));
