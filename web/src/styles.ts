// Shared styles for the components' shadow roots. Tokens (colours, font stacks) live on :root in
// index.html and inherit through shadow boundaries.
import { css } from 'lit';

export const base = css`
  :host {
    box-sizing: border-box;
    font-family: var(--font-sans);
    color: var(--ink);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  a {
    color: var(--brand-2);
    text-decoration: none;
  }
  a:hover {
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  /* Links inside running text are underlined: colour alone must not tell them apart (WCAG 1.4.1). */
  p a:not(.btn):not(.chip) {
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  /* Browsers' default placeholder grey is too faint on some systems; the muted ink passes 4.5:1. */
  ::placeholder {
    color: var(--ink-3);
    opacity: 1;
  }
  :focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
    border-radius: 4px;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  mark {
    background: var(--mark-bg);
    color: inherit;
    border-radius: 2px;
    box-shadow: inset 0 -2px 0 var(--mark-line);
    padding: 0 1px;
  }
  /* Links ending in an arrow, phone numbers: never split across lines. */
  .nw {
    white-space: nowrap;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    padding: 0.05em 0.55em;
    border-radius: 999px;
    font-size: 0.78rem;
    line-height: 1.6;
    white-space: nowrap;
    border: 1px solid transparent;
  }
  .badge.j {
    background: var(--brand-weak);
    color: var(--brand);
    border-color: #cddcf3;
    font-weight: 600;
  }
  .badge.y {
    background: #f1f3f6;
    color: var(--ink-2);
    border-color: var(--line);
    font-variant-numeric: tabular-nums;
  }
  .badge.k-call {
    background: #fdf0e6;
    color: #8a3c00;
    border-color: #f4cfae;
  }
  .badge.k-guide {
    background: #e8f6ee;
    color: #136238;
    border-color: #bfe3cd;
  }
  .badge.k-plan {
    background: #f3ecfb;
    color: #5b2a91;
    border-color: #dccaf1;
  }
  .badge.zl {
    background: #fff;
    color: var(--accent);
    border-color: #eab5b1;
    white-space: normal;
    border-radius: 6px;
  }
  .note-lost {
    display: flex;
    gap: 0.4em;
    align-items: flex-start;
    margin: 0.6rem 0 0;
    padding: 0.4rem 0.65rem;
    border-radius: 6px;
    border: 1px solid var(--warn-line);
    background: var(--warn-bg);
    color: var(--warn-ink);
    font-size: 0.85rem;
    line-height: 1.55;
  }
  .note-lost::before {
    content: '!';
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 1.2em;
    height: 1.2em;
    margin-top: 0.12em;
    border-radius: 50%;
    background: var(--warn-ink);
    color: #fff;
    font-size: 0.75rem;
    font-weight: 700;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.35em;
    min-height: 2.6rem;
    padding: 0 1.1rem;
    border-radius: 8px;
    border: 1px solid var(--brand);
    background: var(--brand);
    color: #fff;
    font-weight: 600;
    cursor: pointer;
    white-space: nowrap;
  }
  .btn:hover {
    background: #12366a;
  }
  .btn.ghost {
    background: #fff;
    color: var(--brand);
    border-color: var(--line-2);
  }
  .btn.ghost:hover {
    background: var(--brand-weak);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    min-height: 2rem;
    padding: 0.15rem 0.8rem;
    border-radius: 999px;
    border: 1px solid var(--line-2);
    background: #fff;
    color: var(--ink);
    font-size: 0.9rem;
    cursor: pointer;
  }
  .chip:hover {
    border-color: var(--brand-2);
    color: var(--brand-2);
    text-decoration: none;
  }
  .banner {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border-radius: var(--radius);
    border: 1px solid var(--danger-line);
    background: var(--danger-bg);
    color: var(--danger-ink);
    line-height: 1.6;
  }
  .banner strong {
    display: block;
  }
  .skeleton {
    background: linear-gradient(90deg, #eef1f5 25%, #f6f8fa 37%, #eef1f5 63%);
    background-size: 400% 100%;
    animation: shimmer 1.4s ease infinite;
    border-radius: 6px;
  }
  @keyframes shimmer {
    0% {
      background-position: 100% 50%;
    }
    100% {
      background-position: 0 50%;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
`;

/** Reading text: CJK body with generous leading; numbers tabular so figures line up. */
export const prose = css`
  .prose {
    font-size: 1rem;
    line-height: 1.85;
    letter-spacing: 0.01em;
    text-align: start;
    line-break: strict;
    hanging-punctuation: allow-end;
    font-variant-numeric: tabular-nums;
  }
`;
