package dev.agentic.core.validate;

import java.util.List;

/**
 * The Java packages, types and members {@link ValidationPolicy#strict()} allows, and those it denies even below
 * an allowed parent. Part of {@link StrictNames}. Constants only.
 */
final class StrictJavaNames {
    private StrictJavaNames() {}

    /** Java packages and types allowed: collections, time, text, numbers, files below the working directory, HTTP. */
    static final List<String> ALLOWED = List.of(
            "java.util",
            "java.time",
            "java.math",
            "java.text",
            "java.io",
            "java.nio.ByteBuffer",
            "java.nio.CharBuffer",
            "java.nio.ByteOrder",
            "java.nio.charset",
            "java.nio.file",
            "java.net.URI",
            "java.net.URISyntaxException",
            "java.net.URLEncoder",
            "java.net.URLDecoder",
            "java.net.http",
            "java.security.MessageDigest",
            "java.security.SecureRandom",
            "java.security.NoSuchAlgorithmException",
            "javax.crypto.Mac",
            "javax.crypto.spec.SecretKeySpec");

    /** Java packages, types and members denied even where a parent is allowed. */
    static final List<String> DENIED = List.of(
            "java.util.prefs",
            "java.util.logging.LogManager.readConfiguration",
            "java.util.logging.LogManager.updateConfiguration",
            "java.nio.file.spi",
            "java.nio.file.FileSystems.newFileSystem",
            "java.io.ObjectInputStream",
            "java.io.Console",
            "java.lang.Module",
            "java.lang.System.setProperty",
            "java.lang.System.setProperties",
            "java.lang.System.clearProperty",
            "java.lang.System.setIn",
            "java.lang.System.setOut",
            "java.lang.System.setErr",
            "java.lang.Thread.setContextClassLoader",
            "java.lang.Thread.getContextClassLoader",
            "java.lang.Class.getClassLoader",
            "java.lang.Class.getModule",
            "java.lang.Class.getResource",
            "java.lang.Class.newInstance",
            "javax.xml.transform",
            "java.beans");
}
