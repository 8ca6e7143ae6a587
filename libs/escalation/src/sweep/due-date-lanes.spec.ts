import { dueDateLanes } from './escalation-sweep.service.js';

describe('due-date lanes', () => {
  it('split the due dates up to the cutoff into adjoining ranges, the first open below', () => {
    expect(dueDateLanes('2025-01-01', '2025-01-10', 2)).toEqual([
      { after: '-infinity', upTo: '2025-01-05' },
      { after: '2025-01-05', upTo: '2025-01-10' },
    ]);
  });

  it('give one lane for a single day and none when nothing is due', () => {
    expect(dueDateLanes('2025-01-10', '2025-01-10', 2)).toEqual([{ after: '-infinity', upTo: '2025-01-10' }]);
    expect(dueDateLanes('2025-02-01', '2025-01-10', 2)).toEqual([]);
    expect(dueDateLanes(null, '2025-01-10', 2)).toEqual([]);
  });
});
