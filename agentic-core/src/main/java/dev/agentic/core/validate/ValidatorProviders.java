package dev.agentic.core.validate;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link CodeValidatorProvider}s behind {@link CodeValidator#forLanguage}, listed once and indexed by
 * language. A provider that fails to load or to list its languages is left out and named in the error for a
 * language nobody else offers. Immutable once built; thread-safe.
 */
final class ValidatorProviders {
    /** A broken services file can fail on every step; stop listing after this many failures. */
    private static final int MAX_FAILURES = 16;

    private final Map<Language, CodeValidatorProvider> byLanguage = new EnumMap<>(Language.class);
    private final Set<Language> languages;
    private final List<Throwable> failures = new ArrayList<>();

    ValidatorProviders(Iterator<CodeValidatorProvider> found) {
        while (failures.size() < MAX_FAILURES) {
            try {
                if (!found.hasNext()) {
                    break;
                }
                CodeValidatorProvider provider = found.next();
                for (Language language : provider.languages()) {
                    byLanguage.putIfAbsent(Objects.requireNonNull(language, "language"), provider);
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures.add(e);
            }
        }
        EnumSet<Language> offered = EnumSet.noneOf(Language.class);
        offered.addAll(byLanguage.keySet());
        this.languages = Collections.unmodifiableSet(offered);
    }

    /** The providers found with the class loader that loaded agentic-core; listed on first use, then kept. */
    static ValidatorProviders installed() {
        return Installed.PROVIDERS;
    }

    Set<Language> languages() {
        return languages;
    }

    CodeValidator create(Language language, ValidationPolicy policy) {
        CodeValidatorProvider provider = byLanguage.get(language);
        if (provider == null) {
            throw missing(language);
        }
        CodeValidator validator;
        try {
            validator = provider.create(language, policy);
        } catch (LinkageError e) {
            throw new ConfigurationException(
                    "The validator for " + language + " from "
                            + provider.getClass().getName() + " cannot be created (" + e + "); check that its module's "
                            + "dependencies are on the classpath, or call Executor.builder().validator(…) with your own.",
                    e);
        }
        if (validator == null || validator.language() != language) {
            throw new ConfigurationException(provider.getClass().getName() + " was asked for a " + language
                    + " validator and returned " + (validator == null ? "null" : "one for " + validator.language())
                    + "; fix the provider or call Executor.builder().validator(…).");
        }
        return validator;
    }

    private ConfigurationException missing(Language language) {
        String message;
        if (byLanguage.isEmpty()) {
            message = "No validator for " + language + "; add dev.agentic:agentic-validate, or call "
                    + "Executor.builder().validator(…)";
        } else {
            message = "No validator for " + language + "; available: "
                    + languages.stream().map(Language::name).collect(Collectors.joining(", "))
                    + ". Call Executor.builder().validator(…) with a "
                    + "CodeValidator for " + language;
        }
        if (failures.isEmpty()) {
            return new ConfigurationException(message + ".");
        }
        ConfigurationException e = new ConfigurationException(
                message + ". " + failures.size() + " validator provider(s) on the classpath failed to load; the first: "
                        + failures.get(0),
                failures.get(0));
        failures.stream().skip(1).forEach(e::addSuppressed);
        return e;
    }

    /** Lazy holder: the service lookup runs when a validator is first asked for, once per class loader. */
    private static final class Installed {
        static final ValidatorProviders PROVIDERS = new ValidatorProviders(
                ServiceLoader.load(CodeValidatorProvider.class, CodeValidatorProvider.class.getClassLoader())
                        .iterator());
    }
}
