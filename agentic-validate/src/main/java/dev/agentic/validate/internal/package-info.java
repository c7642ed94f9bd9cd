/** Machinery shared by the built-in validators; the validators themselves live in sub-packages. Not API. */
package dev.agentic.validate.internal;
