import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type MyProfile = components['schemas']['MyProfile'];
export type MyProfileUpdate = components['schemas']['UpdateMyProfileRequest'];

export const MY_PROFILE_KEY = ['me', 'profile'] as const;

/** The member profile the account acts for (a 404 for an account linked to none). */
export const myProfileQuery = queryOptions({
  queryKey: MY_PROFILE_KEY,
  queryFn: ({ signal }) => unwrap(api.GET('/api/me/profile', { signal })),
});

export const updateMyProfile = (body: MyProfileUpdate) => unwrap(api.PATCH('/api/me/profile', { body }));
