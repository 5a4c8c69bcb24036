/**
 * The twin-run table again, hosted by an express 4 app: Express 5's router (the `router`
 * package, which Express 4 apps can mount too) against ours from the built package, so the
 * adapter is checked with Express 4's request, response and app router around it.
 */
import express4 from 'express4';
import ExpressRouter from 'router';
import { describe, expect, it } from 'vitest';
import { Router } from '@switchyard/express-adapter';
import { finalHandlers, probe, scenarios, type Answer, type RouterFactory } from '../packages/express-adapter/test/scenarios.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const theirs: RouterFactory = (options) => (ExpressRouter as any)(options);
const ours: RouterFactory = (options) => Router({ duplicates: 'allow', ...options });

async function answers(factory: RouterFactory, scenario: (typeof scenarios)[number]): Promise<Answer[]> {
  const app = express4();
  scenario.build(factory, app);
  if (!scenario.bare) finalHandlers(app);
  const results: Answer[] = [];
  for (const p of scenario.probes) results.push(await probe(app, p));
  return results;
}

describe('compatibility with Express 5’s router, hosted by express 4', () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const expected = await answers(theirs, scenario);
      expect(await answers(ours, scenario)).toEqual(expected);
    });
  }
});
