// The head of oncue.min.js: a tiny AMD-style module loader, in front of the SDK's main chunk (rollup
// `format: 'amd'`, `amd.define: '__oncueDefine'`). rollup.config.js wraps the main chunk as
//   <this file> __oncueDefine(['require', 'exports'], function (require, exports) { … }) <footer: })();>
// so the main chunk runs synchronously while the script tag runs (the global `OnCue` exists for the next
// script, and `document.currentScript` is the SDK's tag), and each kind's chunk is fetched later as a classic
// <script> from a URL relative to this script's own URL (works from a CDN or another origin without CORS).
// A chunk calls the global `__oncueDefine`, which hands it to the loader that inserted that script, so two copies
// of the SDK on one page do not mix their modules. A module that failed (its fetch, a dependency's) is forgotten,
// so the next import fetches it again.
// Each chunk's own chunk dependencies are known at build time (the footer's `"__DEPS__"` argument is replaced by rollup.config.js with
// `{ "chunks/poll-<hash>.js": ["chunks/shared-<hash>.js", …], … }`), so they are fetched together with the chunk
// rather than one round trip later, once it has run (Vite's preload map does the same for ES modules).
// `__ENTRY__` is replaced at build time by the main chunk's file name (oncue.min.js).
(function (built) {
  var doc = document;
  var script = doc.currentScript;
  var entry = new URL('__ENTRY__', (script && script.src) || location.href).href;
  /** Module URL → promise of its exports. */
  var modules = {};
  /** Chunk URL → the URLs of the chunks it imports (besides the main chunk). */
  var preloads = {};
  Object.keys(built).forEach(function (file) {
    preloads[new URL(file, entry).href] = built[file].map(function (dep) { return new URL(dep, entry).href; });
  });

  self.__oncueDefine =
    self.__oncueDefine ||
    function (deps, factory) {
      var current = doc.currentScript;
      if (current && current.__oncue) current.__oncue(deps, factory);
    };

  /** Runs a module once its dependencies are in: at once (synchronously) when it has none but `require`/`exports`. */
  function instantiate(url, deps, factory) {
    var exports = {};
    var waits = [];
    var args = deps.map(function (dep, i) {
      if (dep === 'exports') return exports;
      if (dep === 'require') {
        return function (ids, resolve, reject) {
          Promise.all(ids.map(function (id) { return load(new URL(id, url).href); })).then(function (found) {
            resolve.apply(null, found);
          }, reject);
        };
      }
      waits.push(load(new URL(dep, url).href).then(function (value) { args[i] = value; }));
    });
    function run() {
      factory.apply(null, args);
      return exports;
    }
    return waits.length ? Promise.all(waits).then(run) : run();
  }

  // A module that fails (its script, or one of its dependencies) is forgotten, so the next import starts over.
  function load(url) {
    if (!modules[url]) {
      (preloads[url] || []).forEach(function (dep) {
        load(dep).catch(function () {}); // the chunk that imports it reports a failure
      });
    }
    return (
      modules[url] ||
      (modules[url] = new Promise(function (resolve, reject) {
        var chunk = doc.createElement('script');
        var defined = false;
        chunk.src = url;
        if (script) {
          chunk.nonce = script.nonce;
          if (script.crossOrigin !== null) chunk.crossOrigin = script.crossOrigin;
        }
        chunk.__oncue = function (deps, factory) {
          defined = true;
          try {
            resolve(instantiate(url, deps, factory));
          } catch (error) {
            reject(error);
          }
        };
        chunk.onload = chunk.onerror = function () {
          chunk.remove();
          if (!defined) reject(new Error('OnCue could not load ' + url));
        };
        doc.head.appendChild(chunk);
      }).catch(function (error) {
        delete modules[url];
        throw error;
      }))
    );
  }

  // The main chunk (it sets the global OnCue itself).
  function __oncueDefine(deps, factory) {
    modules[entry] = Promise.resolve(instantiate(entry, deps, factory));
  }
