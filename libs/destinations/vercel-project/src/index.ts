export * from './vercel-project.constants';
export * from './vercel-project.schemas';
export * from './adapter';
