// Record building across documents: split pieces keep only the flags their own text supports.
import { describe, expect, it } from 'vitest';
import { PAGE_NUMBER_ARTEFACT, pieceFlags } from '../server/ingest/records.ts';
import { loadDoc } from './helpers/corpus.ts';

const { records } = loadDoc('gansu-14th-plan');

describe('lost-decimal flags on split records (003)', () => {
  const flagged = records.filter((r) => r.flags?.includes('lost-decimal'));

  it('every flagged record holds a figure', () => {
    expect(flagged.length).toBeGreaterThan(0);
    for (const r of flagged) expect(r.text, r.id).toMatch(/[0-9０-９]/);
  });

  it('the opening sentence of a flagged paragraph without figures is not flagged', () => {
    const opening = records.filter((r) => r.text.startsWith('“十四五”时期是我国开启'));
    expect(opening).toHaveLength(1);
    expect(opening[0].flags ?? []).not.toContain('lost-decimal');
  });

  it('the R&D intensity figure that lost its point (２４％ was 2.4 %) stays flagged', () => {
    // The text shown is repaired to half-width digits (issue 9): the PDF's "２４％" reads "24%".
    const rd = records.filter((r) => r.text.includes('24%') && /研发|研究与试验发展/.test(r.text));
    expect(rd.length).toBeGreaterThan(0);
    for (const r of rd) expect(r.flags).toContain('lost-decimal');
  });

  it('pieceFlags drops figure flags only from pieces without digits', () => {
    expect(pieceFlags(['lost-decimal'], '没有数字的句子。')).toEqual([]);
    expect(pieceFlags(['lost-decimal'], '达到２４％。')).toEqual(['lost-decimal']);
    expect(pieceFlags(['lost-decimal', 'other'], '文字')).toEqual(['other']);
    expect(pieceFlags(undefined, '文字')).toBeUndefined();
  });
});

describe('page-number artefact check (ingest refuses a record that matches it)', () => {
  it('matches the page numbers extraction leaves (003: "—５—", "—９３—")', () => {
    for (const s of ['—５—', '—９３—', '— 03 —', '文字—12—文字']) expect(s, s).toMatch(PAGE_NUMBER_ARTEFACT);
  });

  it('does not match dates and phone numbers written with hyphens, which are real text', () => {
    for (const s of ['申报时间为2023-5-15至2023-7-14', '联系电话：0971-611-2345', '2020-1-15', '０９３１-８４３-６７２８']) {
      expect(s, s).not.toMatch(PAGE_NUMBER_ARTEFACT);
    }
  });
});
