import type { ViewSlice } from './view-slice.ts';
import type { LayersSlice } from './layers-slice.ts';
import type { IndicatorsSlice } from './indicators-slice.ts';
import type { ProjectsSlice } from './projects-slice.ts';
import type { ParticipationSlice } from './participation-slice.ts';
import type { SelectionSlice } from './selection-slice.ts';
import type { UiSlice } from './ui-slice.ts';
import type { AuthSlice } from './auth-slice.ts';
import type { DashboardSlice } from './dashboard-slice.ts';
import type { TableSlice } from './table-slice.ts';

export type AppState = ViewSlice & LayersSlice & IndicatorsSlice & ProjectsSlice & ParticipationSlice & SelectionSlice & UiSlice & AuthSlice & DashboardSlice & TableSlice;
