package dev.agentic.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The type is public only because the SDK's own modules share it; it is not API and may change or go in any
 * release. Everything in an {@code internal} package is internal whether marked or not, and a build rule
 * fails when one module imports another's {@code internal} package.
 */
@Stable
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.PACKAGE})
public @interface Internal {}
