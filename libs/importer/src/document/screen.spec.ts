import { describe, expect, it } from '@jest/globals';
import { ImportError } from '../types.js';
import { screenText } from './screen.js';

function reason(text: string): string | null {
  try {
    screenText(text);
    return null;
  } catch (error) {
    return (error as ImportError).reason;
  }
}

/** Deterministic noise: letters, digits, CJK and punctuation, in lines of varying length. */
function noise(bytes: number): string {
  const alphabet =
    'abcdefghij0123456789的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严，。、；：！？\n';
  let seed = 7;
  let out = '';
  while (out.length < bytes / 3) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet[seed % alphabet.length];
  }
  return out;
}

describe('screenText', () => {
  it('refuses empty and whitespace text', () => {
    expect(reason('')).toBe('EMPTY');
    expect(reason(' \n\t\u3000\n')).toBe('EMPTY');
  });

  it('refuses binary content', () => {
    expect(reason('PK\u0003\u0004\u0000\u0000一、总则')).toBe('BINARY');
    expect(reason('\ufffd\ufffd\u0001\u0002'.repeat(100) + '\n一、总则\n二、任务')).toBe('BINARY');
  });

  it('refuses text over 12 MB', () => {
    expect(reason('一、任务\n二、措施\n' + 'a'.repeat(12 * 1024 * 1024))).toBe('TOO_LARGE');
  });

  it('refuses 10 MB of noise quickly, as no plan', () => {
    const text = noise(10 * 1024 * 1024);
    const started = performance.now();
    expect(reason(text)).toBe('NOT_A_PLAN');
    // ~50 ms alone; 500.1 ms once inside a full `npm test` on a busy 2-core machine. Reading the whole
    // text as a document takes seconds, which this bound still catches.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('accepts an outline and a task-breakdown table', () => {
    expect(reason('规划\n一、背景\n二、任务\n（一）甲')).toBeNull();
    expect(reason('[bookmark: _Toc1]第一章\t规划背景\n第二章 主要任务')).toBeNull();
    expect(
      reason('某市任务分解表\n序号 | 任务 | 牵头单位 | 配合单位 | 完成时限\n1 | 甲 | 市卫健委 | | 2024年6月底前'),
    ).toBeNull();
  });

  it('says why in Chinese and English', () => {
    expect(() => screenText('no outline here')).toThrow(/未找到.*not a plan/);
  });
});
