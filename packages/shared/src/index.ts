export * from './dates.js';
export * from './id-number.js';
export * from './members.js';
export * from './org-types.js';
export * from './password.js';
export * from './roles.js';
export * from './org-system.js';
export * from './uscc.js';
