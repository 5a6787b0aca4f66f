// A page that bundles OnCue itself instead of loading oncue.min.js:
// `@oncue/widgets/viewer` defines the viewer tags (`@oncue/widgets` adds the host
// console); the rest is ordinary DOM.
import { setLocale } from '@oncue/widgets/viewer';

const params = new URLSearchParams(location.search);
if (params.get('lang')) setLocale(params.get('lang'));

const stage = document.createElement('oncue-stage');
stage.setAttribute('server', params.get('server') || location.origin);
stage.setAttribute('room', params.get('room') || 'demo');
document.querySelector('#oncue').append(stage);
