/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** MapLibre style URL of the basemap; empty means the basemap bundled with the app. */
  readonly VITE_BASEMAP_STYLE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
