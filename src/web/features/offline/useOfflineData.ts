import { useEffect, useState } from 'react';
import { type OfflineData, useOffline } from '../../offline/OfflineContext.tsx';

/** The device's data with the outbox laid over it, read again whenever it changes. */
export function useOfflineData(): OfflineData | null {
  const offline = useOffline();
  const [data, setData] = useState<OfflineData | null>(null);
  const { read, revision, phase } = offline;
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision and phase force a re-read
  useEffect(() => {
    let live = true;
    void read().then((d) => {
      if (live) setData(d);
    });
    return () => {
      live = false;
    };
  }, [read, revision, phase]);
  return data;
}
