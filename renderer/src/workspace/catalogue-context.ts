import { createContext, use } from 'react';
import type { Catalogue } from './catalogue';

export const CatalogueContext = createContext<Catalogue | undefined>(undefined);

/** The workspace's catalogue, for what carries across reviews (saved column mappings). */
export function useCatalogue(): Catalogue {
  const catalogue = use(CatalogueContext);
  if (!catalogue) throw new Error('useCatalogue outside <CatalogueContext>');
  return catalogue;
}
