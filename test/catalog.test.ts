import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogFile, findByUrl } from '../src/domain/catalog.js';

const raw: unknown = JSON.parse(
  readFileSync(new URL('../catalog/integrations.json', import.meta.url), 'utf8'),
);

function shipped() {
  const parsed = CatalogFile.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data.integrations;
}

/** A link people typically post for each content app of the catalog (docs/product.md#the-directory). */
const TYPICAL_LINKS: Record<string, string[]> = {
  jira: ['https://acme.atlassian.net/browse/X-1'],
  dropbox: ['https://www.dropbox.com/s/abc123/plan.pdf?dl=0', 'https://dropbox.com/home'],
  sharepoint: ['https://acme.sharepoint.com/sites/Sales/Shared%20Documents/plan.docx'],
  'google-drive': [
    'https://drive.google.com/file/d/1AbC/view',
    'https://docs.google.com/document/d/1AbC/edit',
  ],
  quip: ['https://quip.com/AbCdEf/Roadmap', 'https://acme.quip.com/AbCdEf'],
  salesforce: [
    'https://acme.my.salesforce.com/0015g00000XyZ',
    'https://acme.lightning.force.com/lightning/r/Case/1/view',
  ],
  zoom: ['https://zoom.us/j/123456789', 'https://acme.zoom.us/j/123456789?pwd=x'],
  bluejeans: ['https://bluejeans.com/123456789'],
  surveymonkey: ['https://www.surveymonkey.com/r/ABC123'],
  box: ['https://app.box.com/s/abc123', 'https://acme.app.box.com/folder/0'],
};

describe('shipped catalog', () => {
  it('parses with the CatalogFile schema', () => {
    expect(CatalogFile.safeParse(raw).success).toBe(true);
  });

  it('has unique ids', () => {
    const ids = shipped().map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds the ten content apps of the Workplace article', () => {
    const ids = shipped().map((entry) => entry.id);
    expect(ids).toEqual(expect.arrayContaining(Object.keys(TYPICAL_LINKS)));
  });

  it.each(Object.entries(TYPICAL_LINKS))('finds %s from the links people post', (id, links) => {
    for (const link of links) expect(findByUrl(shipped(), link)?.id, link).toBe(id);
  });

  it('matches a typical link for every host pattern it ships', () => {
    for (const entry of shipped()) {
      for (const pattern of entry.linkHosts) {
        const host = pattern.startsWith('*.') ? `acme.${pattern.slice(2)}` : pattern;
        expect(findByUrl(shipped(), `https://${host}/some/path`)?.id, pattern).toBe(entry.id);
      }
    }
  });

  it('files every shipped app under a category, sharing one where they do the same job', () => {
    const byId = Object.fromEntries(shipped().map((entry) => [entry.id, entry.category]));
    expect(byId).toEqual({
      jira: 'project tracking',
      dropbox: 'file storage',
      sharepoint: 'file storage',
      'google-drive': 'file storage',
      quip: 'documents',
      salesforce: 'CRM',
      zoom: 'video meetings',
      bluejeans: 'video meetings',
      surveymonkey: 'surveys',
      box: 'file storage',
    });
  });

  it('does not claim unrelated links', () => {
    expect(findByUrl(shipped(), 'https://example.com/atlassian.net')).toBeUndefined();
    expect(findByUrl(shipped(), 'https://notdropbox.com/s/x')).toBeUndefined();
    expect(findByUrl(shipped(), 'https://box.com.evil.test/')).toBeUndefined();
  });

  it('gives every app a description, plain-word permissions and at least one host', () => {
    for (const entry of shipped()) {
      expect(entry.description.length, entry.id).toBeGreaterThan(20);
      expect(entry.permissions.length, entry.id).toBeGreaterThan(0);
      expect(entry.linkHosts.length, entry.id).toBeGreaterThan(0);
    }
  });

  it('knows Google Drive by its aliases', () => {
    const drive = shipped().find((entry) => entry.id === 'google-drive');
    expect(drive?.aliases).toEqual(expect.arrayContaining(['gdrive', 'google docs']));
  });

  it('ships some reviews that have not passed, with 2027 dates, to demonstrate deadlines', () => {
    const notPassed = shipped().filter((entry) => entry.review.state !== 'passed');
    expect(notPassed.length).toBeGreaterThanOrEqual(1);
    for (const entry of notPassed) {
      expect(entry.review.disableAt?.startsWith('2027-'), entry.id).toBe(true);
      expect(entry.review.deadline?.startsWith('2027-'), entry.id).toBe(true);
    }
  });
});
