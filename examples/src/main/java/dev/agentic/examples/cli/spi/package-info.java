/**
 * Plug-in points of the {@code agentic} command: providers for {@code --model} and {@code --sandbox}, found
 * with {@link java.util.ServiceLoader}.
 */
package dev.agentic.examples.cli.spi;
