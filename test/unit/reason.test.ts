import { describe, expect, it } from 'vitest';
import { reasonInWords } from '../../src/escalations/reason.js';

describe('reasonInWords', () => {
  it('turns known platform codes into phrases', () => {
    expect(reasonInWords('customer_requested_human')).toBe('Customer asked for a human');
    expect(reasonInWords(' LOW_CONFIDENCE ')).toBe('Bot was not confident in its answer');
    expect(reasonInWords('complex-technical-issue')).toBe('Complex technical issue');
  });

  it('turns unknown codes into words', () => {
    expect(reasonInWords('payment_dispute')).toBe('Payment dispute');
    expect(reasonInWords('ORDER_NOT_RECEIVED')).toBe('Order not received');
  });

  it('leaves sentences and single words as they are', () => {
    expect(reasonInWords('Late delivery')).toBe('Late delivery');
    expect(reasonInWords('refund')).toBe('refund');
    expect(reasonInWords('High-value interaction: cart 1299.99')).toBe('High-value interaction: cart 1299.99');
    expect(reasonInWords('<@U1> *bold*')).toBe('<@U1> *bold*');
  });
});
