// The delivery filters kept in the address's query string: a filtered view can be shared and survives a reload.
import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { filtersToSearch, parseFilters, type DeliveryFilters } from './delivery-filters.js';

export function useUrlFilters(): [DeliveryFilters, (next: DeliveryFilters) => void] {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const setFilters = useCallback(
    (next: DeliveryFilters) => {
      const query = filtersToSearch(next);
      navigate(query ? `${location}?${query}` : location);
    },
    [location, navigate],
  );
  return [filters, setFilters];
}
