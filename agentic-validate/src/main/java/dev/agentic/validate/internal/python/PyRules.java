package dev.agentic.validate.internal.python;

import dev.agentic.core.validate.RuleId;
import java.util.Set;

/** The rules of the Python validator (their ids are {@link RuleId}s) and its built-in deny sets. Constants only. */
final class PyRules {
    static final RuleId SYNTAX = RuleId.SYNTAX;
    static final RuleId SOURCE_SIZE = RuleId.SOURCE_SIZE;
    static final RuleId NESTING_DEPTH = RuleId.NESTING_DEPTH;
    static final RuleId SOURCE_ENCODING = RuleId.SOURCE_ENCODING;
    static final RuleId DENIED_IMPORT = RuleId.DENIED_IMPORT;
    static final RuleId DENIED_CALL = RuleId.DENIED_CALL;
    static final RuleId DYNAMIC_ATTRIBUTE = RuleId.DYNAMIC_ATTRIBUTE;
    static final RuleId STRING_BUILT_NAME = RuleId.STRING_BUILT_NAME;
    static final RuleId DUNDER_ACCESS = RuleId.DUNDER_ACCESS;
    static final RuleId FORMAT_TRAVERSAL = RuleId.FORMAT_TRAVERSAL;
    static final RuleId WRITE_OUTSIDE = RuleId.WRITE_OUTSIDE;
    static final RuleId DELETE_OUTSIDE = RuleId.DELETE_OUTSIDE;
    static final RuleId HOST_NOT_ALLOWED = RuleId.HOST_NOT_ALLOWED;
    static final RuleId INTERNAL_ERROR = RuleId.INTERNAL_ERROR;
    static final RuleId UNRESOLVED_HOST = RuleId.UNRESOLVED_HOST;
    static final RuleId READ_OUTSIDE = RuleId.READ_OUTSIDE;
    static final RuleId EVALUATED_STRING = RuleId.EVALUATED_STRING;

    /** Modules denied in denylist mode, with everything below them. */
    static final Set<String> DENIED_IMPORTS = Set.of(
            "subprocess",
            "multiprocessing",
            "concurrent.futures.process",
            "asyncio.subprocess",
            "pty",
            "pexpect",
            "sh",
            "plumbum",
            "posix",
            "nt",
            "os.posix",
            "ctypes",
            "cffi",
            "importlib",
            "imp",
            "zipimport",
            "marshal",
            "pickle",
            "cPickle",
            "dill",
            "cloudpickle",
            "shelve",
            "copyreg",
            "code",
            "codeop",
            "runpy",
            "pkgutil",
            "builtins",
            "__builtin__",
            "gc",
            "signal",
            "pdb",
            "bdb",
            "site",
            "webbrowser",
            "commands",
            "popen2",
            "sys.monitoring",
            "pydoc",
            "doctest",
            "trace",
            "profile",
            "cProfile",
            "pipes",
            "distutils",
            "pip",
            "ensurepip");

    /** Modules denied when the task has no network at all. */
    static final Set<String> DENIED_IMPORTS_WITHOUT_NETWORK = Set.of("socket", "socketserver");

    /** Calls (and references) denied wherever they appear; dotted names match what is below them too. */
    static final Set<String> DENIED_CALLS = Set.of(
            "eval",
            "exec",
            "compile",
            "__import__",
            "breakpoint",
            "globals",
            "locals",
            "vars",
            "os.system",
            "os.popen",
            "os.popen2",
            "os.popen3",
            "os.popen4",
            "os.execl",
            "os.execle",
            "os.execlp",
            "os.execlpe",
            "os.execv",
            "os.execve",
            "os.execvp",
            "os.execvpe",
            "os.spawnl",
            "os.spawnle",
            "os.spawnlp",
            "os.spawnlpe",
            "os.spawnv",
            "os.spawnve",
            "os.spawnvp",
            "os.spawnvpe",
            "os.posix_spawn",
            "os.posix_spawnp",
            "os.fork",
            "os.forkpty",
            "os.vfork",
            "os.kill",
            "os.killpg",
            "os.tgkill",
            "os.pidfd_open",
            "os.startfile",
            "os.register_at_fork",
            "os.plock",
            "sys.modules",
            "sys._getframe",
            "sys._current_frames",
            "sys.settrace",
            "sys.setprofile",
            "sys.addaudithook",
            "sys.meta_path",
            "sys.path_hooks",
            "sys.path_importer_cache",
            "sys.breakpointhook",
            "sys.displayhook",
            "sys.excepthook",
            "sys.unraisablehook",
            "sys.call_tracing",
            "sys.remote_exec",
            "sys.monitoring",
            "inspect.currentframe",
            "inspect.stack",
            "inspect.trace",
            "inspect.getouterframes",
            "inspect.getinnerframes",
            "types.FunctionType",
            "types.CodeType",
            "types.LambdaType",
            "asyncio.create_subprocess_exec",
            "asyncio.create_subprocess_shell",
            "concurrent.futures.ProcessPoolExecutor",
            "platform.popen",
            "pandas.read_pickle",
            "yaml.unsafe_load",
            "yaml.unsafe_load_all",
            "yaml.UnsafeLoader",
            "yaml.Loader",
            "signal.pthread_kill",
            "timeit.timeit",
            "timeit.repeat",
            "timeit.Timer",
            "timeit.main");

    /**
     * Calls a gate policy denies besides {@link #DENIED_CALLS}: help() imports modules named by a string, and
     * the method names below exist only on objects that load native code, write archives' member names or fetch
     * URLs to files.
     */
    static final Set<String> GATE_DENIED_CALLS = Set.of("help", "__build_class__", "copyright", "credits", "license");

    /** Gate policies: method names denied on any receiver. */
    static final Set<String> GATE_DENIED_METHODS = Set.of(
            "enable_load_extension",
            "load_extension",
            "urlretrieve",
            "system",
            "popen",
            "posix_spawn",
            "posix_spawnp",
            "fork",
            "forkpty",
            "execv",
            "execve",
            "execvp",
            "execvpe",
            "execl",
            "execle",
            "execlp",
            "execlpe",
            "set_trace",
            "get_type_hints",
            "get_annotations",
            "_getframe",
            "_eval_type",
            "_evaluate");

    /** Method names denied on any receiver (they only exist on objects that spawn processes). */
    static final Set<String> DENIED_METHODS = Set.of("subprocess_exec", "subprocess_shell");

    /** Attributes that walk from an ordinary object to interpreter internals. */
    static final Set<String> ESCAPE_ATTRIBUTES = Set.of(
            "__subclasses__",
            "__globals__",
            "__builtins__",
            "__code__",
            "__class__",
            "__bases__",
            "__base__",
            "__mro__",
            "__dict__",
            "__closure__",
            "__func__",
            "__self__",
            "__getattribute__",
            "__getattr__",
            "__setattr__",
            "__delattr__",
            "__reduce__",
            "__reduce_ex__",
            "__loader__",
            "__spec__",
            "__import__",
            "__subclasshook__",
            "__init_subclass__",
            "__defaults__",
            "__kwdefaults__",
            "__objclass__",
            "f_back",
            "f_globals",
            "f_locals",
            "f_builtins",
            "f_code",
            "f_trace",
            "tb_frame",
            "tb_next",
            "gi_frame",
            "gi_code",
            "cr_frame",
            "cr_code",
            "ag_frame",
            "ag_code",
            "co_code");

    /** Attributes of {@code obj.__class__} that only name the type and are allowed after it. */
    static final Set<String> TYPE_NAME_ATTRIBUTES = Set.of("__name__", "__qualname__", "__module__");

    /** Bare names that expose interpreter internals. */
    static final Set<String> ESCAPE_NAMES = Set.of("__builtins__", "__loader__", "__spec__");

    /** Python keywords-that-are-builtins prefix stripped before matching: {@code builtins.eval} is {@code eval}. */
    static final String BUILTINS_PREFIX = "builtins.";

    /** Functions that read or write an attribute whose name is an argument, as {@code getattr(obj, name)} does. */
    static final Set<String> ATTRIBUTE_FUNCTIONS =
            Set.of("getattr", "setattr", "delattr", "hasattr", "inspect.getattr_static");

    private PyRules() {}
}
