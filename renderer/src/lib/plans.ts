import { plans, type Plan } from '../contract';

export const isPlan = (value: unknown): value is Plan => (plans as readonly unknown[]).includes(value);
