// A page that bundles OnCue itself instead of loading oncue.min.js:
// `import '@oncue/widgets'` defines the tags; the rest is ordinary DOM.
import { setLocale } from '@oncue/widgets';

const params = new URLSearchParams(location.search);
if (params.get('lang')) setLocale(params.get('lang'));

const stage = document.createElement('oncue-stage');
stage.setAttribute('server', params.get('server') || location.origin);
stage.setAttribute('room', params.get('room') || 'demo');
document.querySelector('#oncue').append(stage);
