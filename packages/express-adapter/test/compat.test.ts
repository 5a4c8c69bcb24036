/**
 * The twin run, hosted by express 5: every scenario of the table once with
 * `express.Router()` and once with ours; same status, body, `Allow` and `Content-Type`.
 */
import express from 'express';
import { describe, expect, it } from 'vitest';
import { Router } from '../src/index.js';
import { finalHandlers, probe, scenarios, type Answer, type RouterFactory } from './scenarios.js';

const implementations: Record<string, RouterFactory> = {
  'express.Router': (options) => express.Router(options),
  switchyard: (options) => Router({ duplicates: 'allow', ...options }),
};

async function answers(factory: RouterFactory, scenario: (typeof scenarios)[number]): Promise<Answer[]> {
  const app = express();
  scenario.build(factory, app);
  if (!scenario.bare) finalHandlers(app);
  const results: Answer[] = [];
  for (const p of scenario.probes) results.push(await probe(app, p));
  return results;
}

describe('compatibility with express.Router() (host: express 5)', () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const theirs = await answers(implementations['express.Router']!, scenario);
      const ours = await answers(implementations.switchyard!, scenario);
      scenario.expect?.forEach((expected, i) => {
        if (expected) expect(theirs[i], `Express's answer to probe ${i}`).toMatchObject(expected);
      });
      expect(ours).toEqual(theirs);
    });
  }
});
