import { auditContextOf } from '../http/actor.js';
import { actorOf, type Module } from '../http/app-types.js';
import { ERROR_RESPONSES } from '../http/errors.js';
import { MyProfileSchema, UpdateMyProfileSchema } from './me.schema.js';
import { readOwnProfile, updateOwnProfile } from './me.service.js';

const tags = ['me'];

/**
 * The member's own profile, for the phone pages. No id in the path: the account's link to its member profile is
 * the only thing that names it, so nothing of another's can be read or changed here.
 */
export const registerMe: Module = (app, { database: { db } }) => {
  app.get(
    '/api/me/profile',
    {
      schema: {
        tags,
        summary: '本人党员档案（所在支部及上级组织）；账号未关联党员档案为404',
        response: { 200: MyProfileSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => readOwnProfile(db, actorOf(request)),
  );

  app.patch(
    '/api/me/profile',
    {
      schema: {
        tags,
        summary: '修改本人联系电话、居住楼院、特长兴趣（记入审计，并告知所在支部）',
        body: UpdateMyProfileSchema,
        response: { 200: MyProfileSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateOwnProfile(db, actor, auditContextOf(actor, request.ip), request.body);
    },
  );
};
