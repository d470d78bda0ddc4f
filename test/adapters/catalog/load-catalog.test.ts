import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/adapters/catalog/load-catalog.js';
import { tempDataDir } from '../../e2e/helpers.js';

const write = (content: unknown) => {
  const file = join(tempDataDir('catalog-'), 'catalog.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('loadCatalog', () => {
  it('ships at least the ten content apps', () => {
    const ids = loadCatalog({ catalogFile: null }).map((e) => e.id);
    for (const id of [
      'jira',
      'dropbox',
      'sharepoint',
      'google-drive',
      'quip',
      'salesforce',
      'zoom',
      'bluejeans',
      'surveymonkey',
      'box',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('takes a category from CATALOG_FILE, refuses a blank or over-long one, and leaves it out when absent', () => {
    const catalog = loadCatalog({
      catalogFile: write({
        integrations: [
          { id: 'notion', name: 'Notion', vendor: 'Notion Labs', category: 'documents' },
          { id: 'linear', name: 'Linear', vendor: 'Linear' },
        ],
      }),
    });
    expect(catalog.find((e) => e.id === 'notion')?.category).toBe('documents');
    expect(catalog.find((e) => e.id === 'linear')?.category).toBeUndefined();
    for (const category of ['  ', 'x'.repeat(41), 7]) {
      const file = write({
        integrations: [{ id: 'notion', name: 'Notion', vendor: 'Notion Labs', category }],
      });
      expect(() => loadCatalog({ catalogFile: file })).toThrow(/category/);
    }
  });

  it('adds entries from CATALOG_FILE and replaces shipped ones by id, review states included', () => {
    const file = write({
      integrations: [
        {
          id: 'jira',
          name: 'Jira',
          vendor: 'Atlassian',
          permissions: ['Read group posts'],
          linkHosts: ['*.atlassian.net'],
          review: { state: 'failed', disableAt: '2019-09-01T00:00:00Z', deadline: '2019-12-16T00:00:00Z' },
        },
        { id: 'notion', name: 'Notion', vendor: 'Notion Labs', linkHosts: ['notion.so'] },
      ],
    });
    const catalog = loadCatalog({ catalogFile: file });
    const jira = catalog.find((e) => e.id === 'jira');
    expect(jira?.review).toEqual({
      state: 'failed',
      disableAt: '2019-09-01T00:00:00Z',
      deadline: '2019-12-16T00:00:00Z',
    });
    expect(jira?.permissions).toEqual(['Read group posts']);
    expect(catalog.find((e) => e.id === 'notion')).toMatchObject({
      review: { state: 'passed' },
      description: '',
    });
    expect(catalog.filter((e) => e.id === 'jira')).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{oops', /could not be read as JSON/],
    ['a wrong shape', { apps: [] }, /CATALOG_FILE .* is invalid/],
    ['a bad id', { integrations: [{ id: 'Bad Id', name: 'X', vendor: 'Y' }] }, /integrations\.0\.id/],
    [
      'a bad host',
      { integrations: [{ id: 'x', name: 'X', vendor: 'Y', linkHosts: ['http://x.com/path'] }] },
      /linkHosts/,
    ],
    [
      'a review with the dates reversed',
      {
        integrations: [
          {
            id: 'x',
            name: 'X',
            vendor: 'Y',
            review: { state: 'failed', disableAt: '2020-01-02T00:00:00Z', deadline: '2020-01-01T00:00:00Z' },
          },
        ],
      },
      /disableAt must not be after deadline/,
    ],
    ['an unknown field', { integrations: [{ id: 'x', name: 'X', vendor: 'Y', colour: 'red' }] }, /invalid/],
    [
      'a duplicate id',
      {
        integrations: [
          { id: 'x', name: 'X', vendor: 'Y' },
          { id: 'x', name: 'X2', vendor: 'Y' },
        ],
      },
      /lists "x" twice/,
    ],
  ])('refuses a file with %s, naming the file', (_what, content, message) => {
    const file = write(content);
    expect(() => loadCatalog({ catalogFile: file })).toThrow(message);
    expect(() => loadCatalog({ catalogFile: file })).toThrow(file);
  });

  it('refuses a missing file', () => {
    expect(() => loadCatalog({ catalogFile: '/nonexistent/catalog.json' })).toThrow(
      /CATALOG_FILE \(\/nonexistent\/catalog.json\) could not be read/,
    );
  });
});

describe('an oauth block in CATALOG_FILE', () => {
  const oauth = {
    authorizeUrl: 'https://auth.atlassian.com/authorize?audience=api.atlassian.com',
    tokenUrl: 'https://auth.atlassian.com/oauth/token',
    scopes: ['read:jira-work', 'offline_access'],
    clientIdEnv: 'JIRA_CLIENT_ID',
    clientSecretEnv: 'JIRA_CLIENT_SECRET',
  };
  const entry = (block: Record<string, unknown>) => ({
    integrations: [{ id: 'jira', name: 'Jira', vendor: 'Atlassian', oauth: block }],
  });

  it('loads endpoints, scopes and the names of the environment variables', () => {
    const jira = loadCatalog({ catalogFile: write(entry(oauth)) }).find((e) => e.id === 'jira');
    expect(jira?.oauth).toEqual(oauth);
  });

  it('accepts plain http only for loopback hosts (a local test server)', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:9000', '[::1]:7000']) {
      const local = { ...oauth, tokenUrl: `http://${host}/token` };
      expect(
        loadCatalog({ catalogFile: write(entry(local)) }).find((e) => e.id === 'jira')?.oauth?.tokenUrl,
      ).toBe(`http://${host}/token`);
    }
    for (const url of [
      'http://auth.atlassian.com/token',
      'http://127.0.0.1.evil.com/token',
      'ftp://x.test/t',
    ]) {
      expect(() => loadCatalog({ catalogFile: write(entry({ ...oauth, tokenUrl: url })) }), url).toThrow(
        /oauth\.tokenUrl: an https:\/\/ URL/,
      );
    }
  });

  it('refuses a secret where a variable name belongs, unknown fields, and a missing endpoint', () => {
    expect(() =>
      loadCatalog({ catalogFile: write(entry({ ...oauth, clientSecretEnv: 's3cr3t-value' })) }),
    ).toThrow(/oauth\.clientSecretEnv: an environment variable name/);
    expect(() => loadCatalog({ catalogFile: write(entry({ ...oauth, clientSecret: 'x' })) })).toThrow(
      /oauth/,
    );
    const { tokenUrl: _, ...noToken } = oauth;
    expect(() => loadCatalog({ catalogFile: write(entry(noToken)) })).toThrow(/oauth\.tokenUrl/);
  });
});
