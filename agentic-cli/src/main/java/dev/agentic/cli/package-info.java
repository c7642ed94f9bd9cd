/**
 * The {@code agentic} command-line tool (picocli): one class per subcommand. {@code --model}, {@code --sandbox},
 * {@code --store} and {@code --secret} are specs resolved through {@link dev.agentic.core.spi.ProviderLookup},
 * so a module on the classpath adds schemes without new flags. Uses the SDK's public API only.
 */
package dev.agentic.cli;
