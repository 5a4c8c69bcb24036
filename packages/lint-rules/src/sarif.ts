/**
 * `toSarif`: ESLint results as a SARIF 2.1.0 log, the format GitHub code scanning reads.
 * Paths are relative to the directory given (`%SRCROOT%`), in URI form. A file that fails to
 * parse becomes a result of the pseudo-rule `parse-error`, so it shows up like any finding.
 */
import { pathToFileURL } from 'node:url';
import { relative, sep } from 'node:path';
import type { ESLint, Rule } from 'eslint';

export const PARSE_ERROR_RULE = 'parse-error';

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }>;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning';
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
      region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
    };
  }>;
}

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
  /** Rules by their configured id (`@switchyard/no-duplicate-routes`). */
  rules: Record<string, Rule.RuleModule>;
}

export function toSarif(results: readonly ESLint.LintResult[], root: string, tool: SarifTool): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (id: string, level: 'error' | 'warning'): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      const docs = tool.rules[id]?.meta?.docs;
      const rule: SarifRule = {
        id,
        shortDescription: { text: docs?.description ?? 'A file that ESLint could not parse' },
        defaultConfiguration: { level },
      };
      if (docs?.url) rule.helpUri = docs.url;
      index = rules.push(rule) - 1;
      ruleIndex.set(id, index);
    }
    return index;
  };

  const sarifResults: SarifResult[] = [];
  for (const result of results) {
    const uri = relative(root, result.filePath).split(sep).map(encodeURIComponent).join('/');
    for (const message of result.messages) {
      const level = message.severity === 2 ? 'error' : 'warning';
      const ruleId = message.ruleId ?? PARSE_ERROR_RULE;
      const region: SarifResult['locations'][number]['physicalLocation']['region'] = {
        startLine: Math.max(1, message.line),
        startColumn: Math.max(1, message.column),
      };
      if (message.endLine !== undefined) region.endLine = message.endLine;
      if (message.endColumn !== undefined) region.endColumn = message.endColumn;
      sarifResults.push({
        ruleId,
        ruleIndex: indexOf(ruleId, level),
        level,
        message: { text: message.message },
        locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region } }],
      });
    }
  }

  let rootUri = pathToFileURL(root).href;
  if (!rootUri.endsWith('/')) rootUri += '/';
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, informationUri: tool.informationUri, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri } },
        results: sarifResults,
      },
    ],
  };
}
