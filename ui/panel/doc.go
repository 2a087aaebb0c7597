// Package panel is the playground's DOM control panel, built with
// honnef.co/go/js/dom/v2. It is a declarative list of controls, each a
// label, a getter and a setter on the experiment spec: every edit makes a
// new spec and hands it to the page's Edit action, which validates it; a
// refused edit shows its reason and the control returns to the spec's
// value. The panel holds no experiment state of its own beyond what a
// control shows.
package panel
