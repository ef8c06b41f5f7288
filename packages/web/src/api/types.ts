import type { paths } from './schema';

// API shapes are read off the generated schema, never re-declared by hand.
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type SuccessBody<Op> = Op extends { responses: infer R } ? JsonContent<R[Extract<keyof R, 200 | 201>]> : never;
type RequestBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

export type Me = SuccessBody<paths['/api/me']['get']>;
export type OrgNode = SuccessBody<paths['/api/organizations']['get']>['items'][number];
export type OrgDetail = SuccessBody<paths['/api/organizations/{id}']['get']>;
export type OrgCreateInput = RequestBody<paths['/api/organizations']['post']>;
export type OrgUpdateInput = RequestBody<paths['/api/organizations/{id}']['patch']>;
export type AuditLogQuery = NonNullable<paths['/api/audit-logs']['get']['parameters']['query']>;
export type AuditLogPage = SuccessBody<paths['/api/audit-logs']['get']>;
export type AuditLogEntry = AuditLogPage['items'][number];
export type AccountQuery = NonNullable<paths['/api/accounts']['get']['parameters']['query']>;
export type AccountPage = SuccessBody<paths['/api/accounts']['get']>;
export type Account = AccountPage['items'][number];
export type AccountCreateInput = RequestBody<paths['/api/accounts']['post']>;
export type Team = SuccessBody<paths['/api/organizations/{id}/team']['get']>;
export type TeamPost = Team['current'][number];
export type TeamPostInput = RequestBody<paths['/api/organizations/{id}/team']['post']>;
export type RuleViolationItem = SuccessBody<paths['/api/org-rules']['get']>['items'][number];
export type TermItem = SuccessBody<paths['/api/terms']['get']>['items'][number];
export type NewOrgQuery = NonNullable<paths['/api/new-orgs']['get']['parameters']['query']>;
export type NewOrgPage = SuccessBody<paths['/api/new-orgs']['get']>;
export type NewOrg = NewOrgPage['items'][number];
export type NewOrgInput = RequestBody<paths['/api/new-orgs']['post']>;
export type Coverage = SuccessBody<paths['/api/coverage']['get']>;
export type BlankSpot = Coverage['blanks'][number];
export type NewOrgUpdateInput = RequestBody<paths['/api/new-orgs/{id}']['patch']>;
