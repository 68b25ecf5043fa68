import { composeEmail, type EmailContent } from './email.js';

/**
 * The welcome email says nothing the registrant chose: anyone can register any address, so a
 * name in it would be text of a stranger's choosing sent from ShopEasy's domain (spam, phishing).
 */
export function welcomeEmail(): EmailContent {
  return composeEmail('Welcome to ShopEasy', 'Hi,', [
    {
      paragraph:
        'Thanks for creating your ShopEasy account. You can now browse the catalog, fill your cart and check out in a few steps.',
    },
    { paragraph: 'We will email you when you place an order and again when it ships.' },
    {
      paragraph:
        'If you did not create this account, someone entered your address by mistake: you can ignore this email, nothing will be sent to you again unless the account is used.',
    },
  ]);
}
