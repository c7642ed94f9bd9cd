package dev.agentic.web.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Internal;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The page's files, served from the jar: the page itself ({@code src/main/resources/dev/agentic/web/page}) and
 * the code editor (CodeMirror, from its WebJar). Only the files listed here are served. Stateless.
 */
@Internal
final class Assets {
    static final String CODEMIRROR = "5.65.18";
    private static final String PAGE = "/dev/agentic/web/page/";
    private static final String WEBJAR = "/META-INF/resources/webjars/codemirror/" + CODEMIRROR + "/";

    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {PAGE + "index.html", "text/html; charset=utf-8"},
            "/assets/app.js", new String[] {PAGE + "app.js", "text/javascript; charset=utf-8"},
            "/assets/app.css", new String[] {PAGE + "app.css", "text/css; charset=utf-8"},
            "/assets/icon.svg", new String[] {PAGE + "icon.svg", "image/svg+xml"},
            "/vendor/codemirror/codemirror.js",
                    new String[] {WEBJAR + "lib/codemirror.js", "text/javascript; charset=utf-8"},
            "/vendor/codemirror/codemirror.css",
                    new String[] {WEBJAR + "lib/codemirror.css", "text/css; charset=utf-8"},
            "/vendor/codemirror/python.js",
                    new String[] {WEBJAR + "mode/python/python.js", "text/javascript; charset=utf-8"},
            "/vendor/codemirror/clike.js",
                    new String[] {WEBJAR + "mode/clike/clike.js", "text/javascript; charset=utf-8"});

    private Assets() {}

    /** The request paths served. */
    static Iterable<String> paths() {
        return FILES.keySet();
    }

    static String contentType(String path) {
        return FILES.get(path)[1];
    }

    /** The bytes of the file served at {@code path}. */
    static byte[] read(String path) {
        String resource = FILES.get(path)[0];
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException(
                        "the web app's file " + resource + " is missing from the classpath; " + "rebuild agentic-web");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the web app's file " + resource, e);
        }
    }
}
