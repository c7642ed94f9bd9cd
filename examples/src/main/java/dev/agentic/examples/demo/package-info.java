/** The offline demo of the whole workflow: a local payments API, a scripted model, the real sandbox. */
package dev.agentic.examples.demo;
