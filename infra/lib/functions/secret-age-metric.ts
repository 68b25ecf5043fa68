/** The secret-age metric, shared by the function that writes it and the alarms that read it. */
export const SECRET_AGE_METRIC = {
  namespace: 'ShopEasy/Secrets',
  name: 'DaysSinceChanged',
  /** Powertools Metrics adds `service` to every metric it writes; the alarms name it too. */
  service: 'secret-age',
  secretDimension: 'secret',
} as const;
