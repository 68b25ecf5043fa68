/** A wait that stop() can cut short, so a consumer stops without sitting out its poll interval. */
export function createPause() {
  let wake: () => void = () => {};
  let woken = false;
  return {
    wait(ms: number): Promise<void> {
      if (woken) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    /** Ends the current wait and every later one. */
    wake(): void {
      woken = true;
      wake();
    },
  };
}
