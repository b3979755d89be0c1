// Colours of the map's own overlays (selection, Cerca de mí, tools); data colours come from the layer catalog.
export const NODATA_COLOR = '#d9d9d9';
export const HIGHLIGHT_COLOR = '#D55E00';
export const NEAR_COLOR = '#0072B2';
export const TOOL_COLOR = '#CC3311';
