import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'image-pull';
export const imagePull: Scenario = {
  name: 'image-pull',
  description: 'search points at a tag that was never pushed: ErrImagePull / ImagePullBackOff',
  app: 'search',
  namespace: ns,
  expectedCause: 'image-pull',
  objects: [
    ...shopBase(ns),
    ...shopApp({
      app: 'search',
      namespace: ns,
      behavior: 'image-pull',
      image: 'registry.example.com/shop/search:1.9.0-rc1',
    }),
  ],
};
