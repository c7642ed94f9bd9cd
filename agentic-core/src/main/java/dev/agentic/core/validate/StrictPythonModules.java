package dev.agentic.core.validate;

import java.util.List;

/**
 * The Python modules {@link ValidationPolicy#strict()} allows whole, and the modules and members it denies even
 * below an allowed parent. Part of {@link StrictNames}. Constants only.
 */
final class StrictPythonModules {
    private StrictPythonModules() {}

    /** Python modules allowed whole: pure computation, data formats, text, time, concurrency by threads. */
    static final List<String> ALLOWED = List.of(
            "__future__",
            "abc",
            "array",
            "base64",
            "binascii",
            "bisect",
            "bz2",
            "calendar",
            "cmath",
            "collections",
            "colorsys",
            "contextlib",
            "contextvars",
            "copy",
            "csv",
            "datetime",
            "decimal",
            "difflib",
            "email.message",
            "email.mime",
            "email.utils",
            "enum",
            "errno",
            "fnmatch",
            "fractions",
            "functools",
            "glob",
            "graphlib",
            "gzip",
            "hashlib",
            "heapq",
            "hmac",
            "html",
            "http.client",
            "io",
            "ipaddress",
            "itertools",
            "json",
            "keyword",
            "lzma",
            "math",
            "mimetypes",
            "numbers",
            "operator",
            "os.path",
            "pathlib",
            "pprint",
            "queue",
            "random",
            "re",
            "reprlib",
            "sched",
            "secrets",
            "shlex",
            "statistics",
            "struct",
            "textwrap",
            "time",
            "timeit.default_timer",
            "traceback",
            "unicodedata",
            "urllib.error",
            "urllib.parse",
            "uuid",
            "warnings",
            "weakref",
            "xml.etree",
            "zlib",
            "zoneinfo");

    /**
     * Python modules and members denied even where a parent is allowed: configuration loaders and helpers that
     * evaluate strings, resolve names or write outside the working directory.
     */
    static final List<String> DENIED = List.of(
            "logging.config",
            "logging.handlers.SocketHandler",
            "logging.handlers.DatagramHandler",
            "logging.handlers.HTTPHandler",
            "logging.handlers.SMTPHandler",
            "logging.handlers.SysLogHandler",
            "xml.etree.ElementInclude",
            "http.server",
            "http.cookiejar");
}
