/** Where the map looks: what the app remembers when the map is left and found again. */
export interface MapView {
  center: [lon: number, lat: number];
  zoom: number;
}
