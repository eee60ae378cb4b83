import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'unschedulable';
export const unschedulable: Scenario = {
  name: 'unschedulable',
  description: 'reports requests 24Gi per pod; no node has that much: Pending, FailedScheduling',
  app: 'reports',
  namespace: ns,
  expectedCause: 'unschedulable',
  objects: [
    ...shopBase(ns),
    ...shopApp({
      app: 'reports',
      namespace: ns,
      behavior: 'unschedulable',
      resources: { requests: { cpu: '500m', memory: '24Gi' }, limits: { cpu: '1', memory: '24Gi' } },
    }),
  ],
};
