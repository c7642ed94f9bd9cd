/**
 * The code-interpreter web app on the SDK: {@link dev.agentic.web.WebApp} serves a page with a task box whose
 * code streams in as the model writes it, a code editor with Run and Validate, and the results of every run,
 * with one workflow conversation and one sandbox session per browser tab. The JSON and WebSocket API the page
 * uses is documented in {@code docs/web-api.md} and works without the page. Every request needs the access
 * token; the server binds to the loopback address unless told otherwise.
 */
package dev.agentic.web;
