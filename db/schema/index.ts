export * from './users';
export * from './orgs';
export * from './ops';
export * from './oauth';
export * from './security';
export * from './billing';
export * from './usage';
export * from './federation';
