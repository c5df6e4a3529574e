// Amounts granted without a named funding mode: "对入选创新创业团队给予200万元资助", "给予最高不超过50万元
// 的补助", "每件给予一次性奖励15万元", "资助金额为10-30万元". One normalized clause in (NFKC: "，" is ","),
// the grants it states out, each with the receiver when the clause names one ("入选创新创业团队").
// Amounts a clause requires of applicants ("个人投资额不少于200万元") are not grants: a grant needs a
// verb or noun of granting right next to the amount. A list for several receivers ("分别给予一次性奖励
// 20万元、10万元") is one grant spanning its amounts.

export interface Grant {
  /** Who receives it ("入选创新人才、创业人才"), null when the clause does not say. */
  subject: string | null;
  /** 万元; null for a ceiling ("最高50万元"). */
  minWan: number | null;
  maxWan: number | null;
}

const NUM = '\\d+(?:\\.\\d+)?';
const AMOUNT = `(${NUM})(?:[-—–~～至到](${NUM}))?万元((?:、${NUM}万元)*)`;
const CAP_WORDS = '(?:最高|不超过|最多|上限为?|一般|原则上)';
const GRANT_NOUN = '(?:资助|补助|奖励|补贴|支持|扶持|奖补)';
/** "给予(最高)200万元(的)(一次性)(生活)资助". */
const GIVE = new RegExp(`给予(${CAP_WORDS}*)(?:一次性)?${AMOUNT}(?:以内|以下)?的?(?:一次性)?[^,;。]{0,6}?${GRANT_NOUN}`, 'g');
/** "资助金额为(最高)200万元", "奖励15万元", "支持额度10-30万元". */
const NOUN = new RegExp(`${GRANT_NOUN}(?:金额|额度|资金|标准|经费)?(?:为|是|:)?(${CAP_WORDS}*)${AMOUNT}`, 'g');
const MARKER = /^(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[一二三四五六七八九十]+、)/;
/** Words between the receiver and the amount: "每件给予一次性", "分别", "累计最高". */
const FILLER = /(?:每\d*[件项户个家人年次]|分别|累计|一次性|最高|不超过|最多|给予|予以|可|将|均|按|一律|再)+$/;

/** Text from the previous "," (or the clause start) to `end`, and the segment before that. */
function segments(clause: string, end: number): { own: string; previous: string } {
  const cut = clause.lastIndexOf(',', end - 1);
  const own = clause.slice(cut + 1, end);
  const prevCut = cut > 0 ? clause.lastIndexOf(',', cut - 1) : -1;
  return { own, previous: cut > 0 ? clause.slice(prevCut + 1, cut) : '' };
}

/**
 * The receiver: after the last "对" of the grant's own comma segment ("在年度资助项目数内对入选团队给予…"),
 * else a "对…的," segment just before it ("对新获批…的团体、协会,每件给予…"), else the segment itself.
 */
function subjectOf(clause: string, start: number): string | null {
  const { own, previous } = segments(clause, start);
  // "每项分别给予专利权人一次性奖励…": 专利权人 receives, but the "对…的" before it says for what
  const [head, receiver = ''] = own.replace(MARKER, '').split(/给予|予以/);
  const bare = head.replace(FILLER, '');
  const given = receiver.replace(FILLER, '');
  let s: string;
  if (bare.includes('对')) s = bare.slice(bare.lastIndexOf('对') + 1);
  else if (!bare && /^对/.test(previous.replace(MARKER, ''))) s = previous.replace(MARKER, '').slice(1);
  else s = bare || given;
  s = s.replace(/的$/, '').trim();
  return s.length >= 2 && s.length <= 40 ? s : null;
}

export function grantsIn(clause: string): Grant[] {
  const out: Array<Grant & { at: number }> = [];
  const seen: Array<[number, number]> = [];
  for (const re of [GIVE, NOUN]) {
    for (const m of clause.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (seen.some(([a, b]) => start < b && end > a)) continue;
      seen.push([start, end]);
      // a ceiling word before the amount, or before the grant word ("每件案件最高资助10万元")
      const cap = /最高|不超过|最多|上限/.test(m[1]) || /(?:最高|不超过|最多)$/.test(clause.slice(0, start));
      const amounts = [Number(m[2]), ...(m[3] !== undefined ? [Number(m[3])] : []),
        ...[...(m[4] ?? '').matchAll(new RegExp(NUM, 'g'))].map((x) => Number(x[0]))];
      out.push({
        at: start,
        subject: subjectOf(clause, start),
        minWan: cap ? null : Math.min(...amounts),
        maxWan: Math.max(...amounts),
      });
    }
  }
  // in the order the clause states them
  return out.sort((a, b) => a.at - b.at).map(({ at: _at, ...g }) => g);
}
