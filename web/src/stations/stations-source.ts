/** Id of the MapLibre source holding the stations, shared by the layers that draw them. */
export const STATIONS_SOURCE_ID = 'stations';

/** Up to this zoom, nearby stations are drawn as clusters. */
export const STATIONS_CLUSTER_MAX_ZOOM = 12;
