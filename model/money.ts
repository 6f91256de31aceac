/** An amount as people read it in reports: `$1,234.50`, `-$3.00`, `EUR 12.00`. */
export function formatMoney(amount: number, currency = 'USD'): string {
  const digits = Math.abs(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${amount < 0 ? '-' : ''}${currency === 'USD' ? '$' : `${currency} `}${digits}`;
}

export const formatUsd = (amount: number): string => formatMoney(amount, 'USD');
