/**
 * Where tiles get their rows. By default the query API with the page's view state; under a share
 * link, the link's own tile query (the server builds it from the stored tile), and nothing else.
 */
import { createContext, useContext } from 'react';

export interface ShareTileSource {
  token: string;
  /** The viewer's range on an adjustable link; undefined: the link's range. */
  range: { from: string; to: string } | undefined;
}

export const TileSourceContext = createContext<ShareTileSource | null>(null);

export function useShareSource(): ShareTileSource | null {
  return useContext(TileSourceContext);
}
