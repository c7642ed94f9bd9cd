package dev.agentic.core.internal;

import dev.agentic.core.AgenticException;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.secret.SecretException;
import dev.agentic.core.store.StorageException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Calls into plug-ins (models, generators, validators, sandboxes, stores, secret providers) so that whatever
 * goes wrong comes out typed: an {@link AgenticException} passes as it is; any other runtime exception, and a
 * null return, becomes the plug-in kind's own subtype with a message naming the plug-in. Stateless.
 */
public final class PluginCalls {
    private PluginCalls() {}

    /** A call to a model or generator named {@code plugin}; failures become {@link ModelException} UNKNOWN. */
    public static <T> T model(String plugin, Supplier<T> call) {
        return call(
                plugin,
                call,
                (message, cause) -> new ModelException(ModelException.Kind.UNKNOWN, plugin, message, cause));
    }

    /** A call to a sandbox or executor named {@code plugin}; failures become {@link SandboxException}. */
    public static <T> T sandbox(String plugin, Supplier<T> call) {
        return call(plugin, call, SandboxException::new);
    }

    /** A call to an artifact store named {@code plugin}; failures become {@link StorageException}. */
    public static <T> T store(String plugin, Supplier<T> call) {
        return call(plugin, call, StorageException::new);
    }

    /**
     * A call to a secret provider named {@code plugin}; failures become {@link SecretException}. Unlike the other
     * plug-ins, the failure's own message and the exception itself are left out: a provider's parser or client
     * may quote the secret's value in them (JSON parsers quote the text they choke on), and no redactor exists
     * yet while secrets are being resolved. Only the failure's type is named.
     */
    public static <T> T secrets(String plugin, Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (AgenticException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SecretException(plugin + " failed with " + e.getClass().getName()
                    + " (its message is not shown: it may quote the secret); this is a fault in that plug-in, "
                    + "not in the task");
        }
        if (value == null) {
            throw new SecretException(plugin + " returned null, which its contract does not allow");
        }
        return value;
    }

    /**
     * A call to a validator named {@code plugin}; failures become an {@link AgenticException} (a broken
     * validator is neither the model's, the sandbox's nor the store's fault).
     */
    public static <T> T validator(String plugin, Supplier<T> call) {
        return call(plugin, call, AgenticException::new);
    }

    private static <T> T call(
            String plugin, Supplier<T> call, BiFunction<String, Throwable, ? extends AgenticException> typed) {
        T value;
        try {
            value = call.get();
        } catch (AgenticException e) {
            throw e;
        } catch (RuntimeException e) {
            throw typed.apply(
                    plugin + " failed with " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "; this is a fault in that plug-in, not in the task",
                    e);
        }
        if (value == null) {
            throw typed.apply(plugin + " returned null, which its contract does not allow", null);
        }
        return value;
    }
}
