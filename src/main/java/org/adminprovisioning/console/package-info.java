/**
 * The admin console (DESIGN §13): plain HTML, ES modules and CSS under {@code src/main/resources/static}
 * ({@code index.html} and {@code console/}), no build step, served by the service itself at {@code /} and
 * talking to the same origin's API with the signed-in admin's access token. What a person sees on each
 * screen: {@code docs/console.md}. This package only serves the page; the files need no token (they hold no
 * data, see {@code auth.SecurityConfig}).
 */
package org.adminprovisioning.console;
