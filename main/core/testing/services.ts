/** Tests reach a core's services through this (hosts see only the Core door). */
export { servicesOf } from '../internals';
