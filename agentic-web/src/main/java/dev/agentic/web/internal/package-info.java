/**
 * The web app's machinery: the HTTP and WebSocket server (Javalin), the access guard, browser-tab sessions,
 * the sandbox-session adapter and the JSON payloads. Not API.
 */
package dev.agentic.web.internal;
