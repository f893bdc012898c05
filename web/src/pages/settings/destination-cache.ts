// After a change, the destination as the API answered it goes into the shared cache; the list refreshes.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { keys } from '../../api/queries.js';
import type { Destination } from '../../api/types.js';

export function useStoreDestination() {
  const queryClient = useQueryClient();
  return useCallback(
    async (destination: Destination) => {
      queryClient.setQueryData(keys.destination(destination.id), destination);
      await queryClient.invalidateQueries({ queryKey: keys.destinations, exact: true });
    },
    [queryClient],
  );
}

/** The API's path for a destination, its id encoded. */
export const destinationPath = (id: string) => `/api/destinations/${encodeURIComponent(id)}`;
