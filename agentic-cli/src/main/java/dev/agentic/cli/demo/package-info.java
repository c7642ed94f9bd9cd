/**
 * What {@code agentic demo} runs against: a local payments API and the scripted model's two answers. Public so
 * that the {@code Quickstart} scenario of the examples module can show the same workflow.
 */
package dev.agentic.cli.demo;
