/** Grouping shoppers' unanswered questions by wording, Chinese and English. */
import { describe, expect, it } from 'vitest';
import { closestQuestion, groupQuestions, questionKey, questionSimilarity } from './question-groups.js';

const q = (id: string, text: string, at: number) => ({ id, text, at });

describe('groupQuestions', () => {
  it('puts rewordings of one question together and keeps different questions apart', () => {
    const groups = groupQuestions([
      q('1', '你们几点下班', 10),
      q('2', '你们几点下班？', 20),
      q('3', '你们几点下班呀', 30),
      q('4', "Where's my parcel?", 40),
      q('5', 'where is my parcel', 50),
      q('6', 'tell me a joke', 60),
      q('7', '可以开发票吗', 70),
    ]);
    expect(groups.map((g) => g.ids)).toEqual([['3', '2', '1'], ['5', '4'], ['7'], ['6']]);
    expect(groups[0]).toMatchObject({
      text: '你们几点下班？',
      count: 3,
      lastAt: 30,
      texts: [
        { text: '你们几点下班？', count: 2 },
        { text: '你们几点下班呀', count: 1 },
      ],
    });
  });

  it('counts identical wordings once per question and skips empty ones', () => {
    const groups = groupQuestions([q('a', '  !!! ', 1), q('b', 'Hello?', 2), q('c', 'hello', 3)]);
    expect(groups).toEqual([
      { text: 'hello', count: 2, texts: [{ text: 'hello', count: 2 }], ids: ['c', 'b'], lastAt: 3 },
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const input = [q('1', '发票怎么开', 1), q('2', '怎么开发票', 2), q('3', '发票怎么开呢', 3), q('4', 'invoice?', 4)];
    const reversed = [...input].reverse();
    expect(groupQuestions(reversed)).toEqual(groupQuestions(input));
  });

  it('normalises width, case and punctuation for comparison', () => {
    expect(questionKey('ＷＨＥＲＥ   is，my order?!')).toBe('where is my order');
  });

  it('finds the answered question worded most like a new one, or none', () => {
    const asked = ['客服几点下班？营业时间', '可以开发票吗', 'Do you ship to Canada?'];
    expect(closestQuestion('你们客服几点下班', asked)).toBe(0);
    expect(closestQuestion('do you ship to canada', asked)).toBe(2);
    expect(closestQuestion('tell me a joke', asked)).toBe(-1);
    expect(questionSimilarity('发票', '发票')).toBe(1);
  });
});
