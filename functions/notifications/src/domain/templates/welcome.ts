import { composeEmail, type EmailContent } from './email.js';
import { oneLine } from './format.js';

export function welcomeEmail(input: { name?: string | undefined }): EmailContent {
  const name = oneLine(input.name ?? '');
  return composeEmail(
    name ? `Welcome to ShopEasy, ${name}` : 'Welcome to ShopEasy',
    name ? `Hi ${name},` : 'Hi,',
    [
      {
        paragraph:
          'Thanks for creating your ShopEasy account. You can now browse the catalog, fill your cart and check out in a few steps.',
      },
      { paragraph: 'We will email you when you place an order and again when it ships.' },
    ],
  );
}
