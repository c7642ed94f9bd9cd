package dev.agentic.validate.internal.python;

import java.util.Set;

/** Rule ids and the built-in deny sets of the Python validator. Constants only. */
final class PyRules {
    static final String SYNTAX = "syntax";
    static final String SOURCE_SIZE = "source-size";
    static final String NESTING_DEPTH = "nesting-depth";
    static final String SOURCE_ENCODING = "source-encoding";
    static final String DENIED_IMPORT = "denied-import";
    static final String DENIED_CALL = "denied-call";
    static final String DYNAMIC_ATTRIBUTE = "dynamic-attribute";
    static final String STRING_BUILT_NAME = "string-built-name";
    static final String DUNDER_ACCESS = "dunder-access";
    static final String FORMAT_TRAVERSAL = "format-traversal";
    static final String WRITE_OUTSIDE = "write-outside";
    static final String DELETE_OUTSIDE = "delete-outside";
    static final String HOST_NOT_ALLOWED = "host-not-allowed";
    static final String INTERNAL_ERROR = "internal-error";

    /** Modules denied in denylist mode, with everything below them. */
    static final Set<String> DENIED_IMPORTS = Set.of(
            "subprocess", "multiprocessing", "concurrent.futures.process", "asyncio.subprocess", "pty", "pexpect",
            "sh", "plumbum", "posix", "nt", "os.posix", "ctypes", "cffi", "importlib", "imp", "zipimport",
            "marshal", "pickle", "cPickle", "dill", "cloudpickle", "shelve", "copyreg", "code", "codeop", "runpy",
            "pkgutil", "builtins", "__builtin__", "gc", "signal", "pdb", "bdb", "site", "webbrowser", "commands",
            "popen2", "sys.monitoring", "pydoc", "doctest", "trace", "profile", "cProfile", "pipes", "distutils",
            "pip", "ensurepip");

    /** Modules denied when the task has no network at all. */
    static final Set<String> DENIED_IMPORTS_WITHOUT_NETWORK = Set.of("socket", "socketserver");

    /** Calls (and references) denied wherever they appear; dotted names match what is below them too. */
    static final Set<String> DENIED_CALLS = Set.of(
            "eval", "exec", "compile", "__import__", "breakpoint", "globals", "locals", "vars",
            "os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "os.execl", "os.execle", "os.execlp",
            "os.execlpe", "os.execv", "os.execve", "os.execvp", "os.execvpe", "os.spawnl", "os.spawnle",
            "os.spawnlp", "os.spawnlpe", "os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe", "os.posix_spawn",
            "os.posix_spawnp", "os.fork", "os.forkpty", "os.vfork", "os.kill", "os.killpg", "os.tgkill",
            "os.pidfd_open", "os.startfile", "os.register_at_fork", "os.plock",
            "sys.modules", "sys._getframe", "sys._current_frames", "sys.settrace", "sys.setprofile",
            "sys.addaudithook", "sys.meta_path", "sys.path_hooks", "sys.path_importer_cache", "sys.breakpointhook",
            "sys.displayhook", "sys.excepthook", "sys.unraisablehook", "sys.call_tracing", "sys.remote_exec",
            "sys.monitoring",
            "inspect.currentframe", "inspect.stack", "inspect.trace", "inspect.getouterframes",
            "inspect.getinnerframes", "types.FunctionType", "types.CodeType", "types.LambdaType",
            "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
            "concurrent.futures.ProcessPoolExecutor", "platform.popen", "pandas.read_pickle",
            "yaml.unsafe_load", "yaml.unsafe_load_all", "yaml.UnsafeLoader", "yaml.Loader",
            "signal.pthread_kill", "timeit.timeit", "timeit.repeat", "timeit.Timer", "timeit.main");

    /** Method names denied on any receiver (they only exist on objects that spawn processes). */
    static final Set<String> DENIED_METHODS = Set.of("subprocess_exec", "subprocess_shell");

    /** Attributes that walk from an ordinary object to interpreter internals. */
    static final Set<String> ESCAPE_ATTRIBUTES = Set.of(
            "__subclasses__", "__globals__", "__builtins__", "__code__", "__class__", "__bases__", "__base__",
            "__mro__", "__dict__", "__closure__", "__func__", "__self__", "__getattribute__", "__getattr__",
            "__setattr__", "__delattr__", "__reduce__", "__reduce_ex__", "__loader__", "__spec__", "__import__",
            "__subclasshook__", "__init_subclass__", "__defaults__", "__kwdefaults__", "__objclass__",
            "f_back", "f_globals", "f_locals", "f_builtins", "f_code", "f_trace", "tb_frame", "tb_next",
            "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code", "co_code");

    /** Attributes of {@code obj.__class__} that only name the type and are allowed after it. */
    static final Set<String> TYPE_NAME_ATTRIBUTES = Set.of("__name__", "__qualname__", "__module__");

    /** Bare names that expose interpreter internals. */
    static final Set<String> ESCAPE_NAMES = Set.of("__builtins__", "__loader__", "__spec__");

    /** Python keywords-that-are-builtins prefix stripped before matching: {@code builtins.eval} is {@code eval}. */
    static final String BUILTINS_PREFIX = "builtins.";

    private PyRules() {
    }
}
