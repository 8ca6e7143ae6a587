import { asSentence } from './supervision.announcements.js';

describe('asSentence', () => {
  it('closes the requirements with exactly one 。', () => {
    expect(asSentence('限期整改，报送整改情况')).toBe('限期整改，报送整改情况。');
    expect(asSentence('限期整改，报送整改情况。')).toBe('限期整改，报送整改情况。');
    expect(asSentence('限期整改。。 ')).toBe('限期整改。');
    expect(asSentence('限期整改；')).toBe('限期整改。');
  });

  it('keeps a question or exclamation as it was written', () => {
    expect(asSentence('为何逾期？')).toBe('为何逾期？');
  });
});
