export { BrandStore, defaultBrand, type MailBrand } from './store';
export { brandHandlers } from './handlers';
export { readLogo, type BrandLogo, type LogoProblem } from './logo';
