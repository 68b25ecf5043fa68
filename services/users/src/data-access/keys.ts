import { GSI1, INDEXES, PK, SK } from '@shopeasy/resources';

// The users table holds several kinds of items under the shared pk/sk keys; gsi1 serves
// refresh tokens by family and users by role (see @shopeasy/resources).
export const LOOKUP_INDEX = INDEXES.users.lookups;
export const LOOKUP_PK = `${GSI1}pk`;
export const LOOKUP_SK = `${GSI1}sk`;

export const keys = {
  user: (id: string) => ({ [PK]: `USER#${id}`, [SK]: 'PROFILE' }),
  email: (email: string) => ({ [PK]: `EMAIL#${email}`, [SK]: 'EMAIL' }),
  refreshToken: (tokenHash: string) => ({ [PK]: `REFRESH#${tokenHash}`, [SK]: 'TOKEN' }),
  family: (familyId: string) => ({ [PK]: `FAMILY#${familyId}`, [SK]: 'FAMILY' }),
  loginClient: (email: string, client: string) => ({ [PK]: `LOGIN#${email}`, [SK]: `CLIENT#${client}` }),
  loginAccount: (email: string) => ({ [PK]: `LOGIN#${email}`, [SK]: 'ACCOUNT' }),
};

/** gsi1 partition of the tokens of one family. */
export const familyLookup = (familyId: string) => `FAMILY#${familyId}`;
/** gsi1 partition of the users of one role. */
export const roleLookup = (role: string) => `ROLE#${role}`;
