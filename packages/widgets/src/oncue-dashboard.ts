/**
 * The operator dashboard bundle (`oncue-dashboard.min.js`, global `OnCueDashboard`): registers
 * `<oncue-dashboard>` (live telemetry metrics, alerts, export). It carries uPlot for the charts,
 * which the viewer bundle never does.
 *
 * ```html
 * <script src="oncue-dashboard.min.js"></script>
 * <oncue-dashboard server="https://live.example.com" room="shop-42"></oncue-dashboard>
 * ```
 */
import './dashboard/dashboard.js';

export { setLocale } from './shared/localize.js';
export { OnCueDashboard } from './dashboard/dashboard.component.js';
