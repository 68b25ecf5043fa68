// Passwords of 12+ characters (the contract's minimum) that top the public breach-corpus lists,
// plus ShopEasy-specific guesses. Compared case-insensitively, ignoring surrounding spaces.
const COMMON = [
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123123123123',
  '111111111111',
  '000000000000',
  '123456123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  'qwertyqwerty',
  'asdfghjkl123',
  'zaq12wsxcde3',
  'password1234',
  'password123!',
  'password12345',
  'passwordpassword',
  'password1password1',
  'p@ssw0rd1234',
  'iloveyou1234',
  'iloveyouiloveyou',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'changeme1234',
  'abcdefghijkl',
  'abc123abc123',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'dragon123456',
  'monkey123456',
  'superman1234',
  'trustno1trustno1',
  'administrator',
  'admin1234567',
  'adminadminadmin',
  'shopeasy1234',
  'shopeasy12345',
  'shopeasypassword',
];

const common = new Set(COMMON);

/** Whether a password is too common to accept, whatever its length. */
export function isCommonPassword(password: string): boolean {
  return common.has(password.trim().toLowerCase());
}
