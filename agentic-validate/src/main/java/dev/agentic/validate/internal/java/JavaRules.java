package dev.agentic.validate.internal.java;

import dev.agentic.core.validate.RuleId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Java validator's stable rule ids and its built-in deny tables. A denied name matches itself and every
 * name below it ({@code java.lang.reflect} covers {@code java.lang.reflect.Method}).
 */
final class JavaRules {
    static final RuleId SYNTAX = RuleId.SYNTAX;
    static final RuleId SOURCE_TOO_LARGE = RuleId.SOURCE_TOO_LARGE;
    static final RuleId NESTING_TOO_DEEP = RuleId.NESTING_TOO_DEEP;
    static final RuleId DENIED_IMPORT = RuleId.DENIED_IMPORT;
    static final RuleId DENIED_TYPE = RuleId.DENIED_TYPE;
    static final RuleId DENIED_CALL = RuleId.DENIED_CALL;
    static final RuleId REFLECTION = RuleId.REFLECTION;
    static final RuleId NATIVE_METHOD = RuleId.NATIVE_METHOD;
    static final RuleId FILE_WRITE_OUTSIDE = RuleId.FILE_WRITE_OUTSIDE;
    static final RuleId TOO_MANY_THREADS = RuleId.TOO_MANY_THREADS;
    static final RuleId NETWORK_NOT_ALLOWED = RuleId.NETWORK_NOT_ALLOWED;
    static final RuleId HOST_NOT_ALLOWED = RuleId.HOST_NOT_ALLOWED;
    static final RuleId UNRESOLVED_HOST = RuleId.UNRESOLVED_HOST;
    static final RuleId READ_OUTSIDE = RuleId.READ_OUTSIDE;
    /** The validator itself failed on this program; it fails closed (same id as the Python validator). */
    static final RuleId INTERNAL_ERROR = RuleId.INTERNAL_ERROR;

    /** A built-in denial: the rule it falls under and what to do instead. */
    record Denial(RuleId rule, String advice) {}

    static final String NO_PROCESS = "Starting or controlling processes is not allowed; do the work in "
            + "Java (java.net.http.HttpClient for HTTP, java.nio.file.Files for local files).";
    static final String NO_REFLECTION = "Reflection and method handles are not allowed; call the API " + "directly.";
    static final String NO_CLASS_LOADING =
            "Loading or defining classes at run time is not allowed; " + "write the code directly in this program.";
    static final String NO_INTERNALS =
            "JDK internals (sun.*, com.sun.*, jdk.internal.*, Unsafe) are not " + "allowed; use the public java.* API.";
    static final String NO_NATIVE = "Native code (JNI, JNA, System.load*) is not allowed; use plain Java.";
    static final String NO_JVM_CONTROL = "Instrumenting, attaching to or managing JVMs is not allowed.";
    static final String NO_DYNAMIC_CODE =
            "Compiling or evaluating code at run time is not allowed; write " + "the logic directly.";
    static final String NO_EXIT = "Do not stop the JVM; return from main (throw an exception to signal " + "failure).";

    /** Built-in denied packages and types: the import deny set, also applied to uses in code. */
    static final Map<String, Denial> TYPES = new HashMap<>();
    /** Built-in denied calls, keyed by fully qualified type and method name. */
    static final Map<String, Denial> CALLS = new HashMap<>();

    static {
        type(DENIED_TYPE, NO_PROCESS, "java.lang.ProcessBuilder");
        type(REFLECTION, NO_REFLECTION, "java.lang.reflect", "java.lang.invoke");
        type(
                DENIED_TYPE,
                NO_CLASS_LOADING,
                "java.lang.ClassLoader",
                "java.net.URLClassLoader",
                "java.security.SecureClassLoader",
                "java.lang.ModuleLayer",
                "javax.naming",
                "java.rmi.server",
                "java.util.ServiceLoader");
        type(DENIED_TYPE, NO_INTERNALS, "sun", "com.sun", "jdk.internal", "jdk.unsupported");
        type(DENIED_TYPE, NO_NATIVE, "jdk.incubator.foreign", "jdk.incubator.vector", "com.sun.jna", "jnr.ffi");
        type(
                DENIED_TYPE,
                NO_JVM_CONTROL,
                "java.lang.instrument",
                "com.sun.tools.attach",
                "com.sun.jdi",
                "java.lang.management",
                "javax.management",
                "jdk.jfr");
        type(
                DENIED_TYPE,
                NO_DYNAMIC_CODE,
                "javax.script",
                "javax.tools",
                "jdk.jshell",
                "jdk.nashorn",
                "jdk.dynalink",
                "java.lang.Compiler");
        type(
                DENIED_TYPE,
                "Java deserialisation is not allowed; read JSON or CSV instead.",
                "java.io.ObjectInputStream",
                "java.beans.XMLDecoder");
        type(
                REFLECTION,
                NO_REFLECTION,
                "java.beans.Statement",
                "java.beans.Expression",
                "java.beans.EventHandler",
                "java.beans.Beans");

        call(DENIED_CALL, NO_PROCESS, "java.lang.Runtime", "exec", "getRuntime");
        call(DENIED_CALL, NO_EXIT, "java.lang.Runtime", "halt", "exit");
        call(DENIED_CALL, NO_EXIT, "java.lang.System", "exit");
        call(DENIED_CALL, NO_NATIVE, "java.lang.Runtime", "load", "loadLibrary");
        call(DENIED_CALL, NO_NATIVE, "java.lang.System", "load", "loadLibrary");
        call(DENIED_CALL, "Do not change the JVM's security settings.", "java.lang.System", "setSecurityManager");
        call(
                DENIED_CALL,
                NO_PROCESS,
                "java.lang.ProcessHandle",
                "destroy",
                "destroyForcibly",
                "of",
                "allProcesses",
                "parent",
                "children",
                "descendants");
        call(DENIED_CALL, NO_PROCESS, "java.lang.Process", "destroy", "destroyForcibly");
        call(REFLECTION, NO_REFLECTION, "java.lang.Class", "forName");
    }

    /** What to do instead of names {@code ValidationPolicy.strict()} denies below what it allows. */
    static final Map<String, String> GATE_ADVICE = Map.of(
            "java.beans",
            "java.beans builds objects and calls methods named by strings (XMLDecoder, Expression, Statement); "
                    + "write the calls directly.",
            "javax.xml.transform",
            "XSLT stylesheets can call Java methods by name (extension functions); transform the data in Java code.",
            "java.util.prefs",
            "Preferences are stored outside the working directory; write settings to a file in the working "
                    + "directory.",
            "java.lang.System",
            "System properties and streams change how the JDK behaves (proxies for the HTTP client among them); "
                    + "pass settings as values.",
            "java.util.logging.LogManager",
            "A logging configuration names classes to instantiate; configure loggers and handlers in code.",
            "java.lang.Class",
            NO_REFLECTION,
            "java.lang.Thread",
            NO_CLASS_LOADING,
            "java.lang.Module",
            NO_REFLECTION,
            "java.nio.file",
            "Other file systems (zip, custom providers) are not allowed; use the default file system below the "
                    + "working directory.",
            "java.io.Console",
            "Read input from System.in.");

    /** The advice for a policy-denied {@code name}, or the generic one. */
    static String gateAdvice(String name, String fallback) {
        String key = PolicyNames.longestMatch(name, GATE_ADVICE);
        return key == null ? fallback : GATE_ADVICE.get(key);
    }

    /** Reflective methods denied whatever their receiver: the names are specific to reflection. */
    static final Set<String> REFLECTIVE_ANYWHERE = Set.of(
            "getDeclaredMethod",
            "getDeclaredMethods",
            "getDeclaredField",
            "getDeclaredFields",
            "getDeclaredConstructor",
            "getDeclaredConstructors",
            "getDeclaredClasses",
            "setAccessible",
            "trySetAccessible",
            "privateLookupIn");

    /** Methods that are reflective when called on a Class, java.lang.reflect or java.lang.invoke value. */
    static final Set<String> REFLECTIVE_ON_TYPE = Set.of(
            "getMethod",
            "getMethods",
            "getField",
            "getFields",
            "getConstructor",
            "getConstructors",
            "newInstance",
            "invoke",
            "invokeExact",
            "invokeWithArguments",
            "get",
            "set",
            "getInt",
            "getLong",
            "setInt",
            "setLong",
            "getRecordComponents",
            "getEnclosingMethod",
            "findStatic",
            "findVirtual",
            "findConstructor",
            "findSpecial",
            "findGetter",
            "findSetter",
            "findStaticGetter",
            "findStaticSetter",
            "findVarHandle",
            "unreflect",
            "lookup");

    /** Class-loading methods denied whatever their receiver. */
    static final Set<String> CLASS_LOADING_ANYWHERE = Set.of(
            "defineClass",
            "defineHiddenClass",
            "loadClass",
            "findSystemClass",
            "findBootstrapClassOrNull",
            "defineModules",
            "defineModulesWithOneLoader");

    /** Runtime methods that make {@code Runtime.getRuntime()} harmless when called on it directly. */
    static final Set<String> HARMLESS_RUNTIME = Set.of(
            "availableProcessors",
            "totalMemory",
            "freeMemory",
            "maxMemory",
            "gc",
            "addShutdownHook",
            "removeShutdownHook");

    /** java.lang types, resolved without an import. Only names the rules care about or commonly used. */
    static final Set<String> JAVA_LANG = Set.of(
            "Runtime",
            "System",
            "ProcessBuilder",
            "ProcessHandle",
            "Process",
            "ClassLoader",
            "Class",
            "Thread",
            "ThreadGroup",
            "ModuleLayer",
            "Module",
            "Compiler",
            "Object",
            "String",
            "StringBuilder",
            "Math",
            "StrictMath",
            "Integer",
            "Long",
            "Double",
            "Float",
            "Short",
            "Byte",
            "Boolean",
            "Character",
            "Number",
            "Iterable",
            "Runnable",
            "Exception",
            "RuntimeException",
            "Throwable",
            "Error",
            "Record",
            "Enum",
            "ThreadLocal",
            "InheritableThreadLocal",
            "SecurityManager",
            "StackWalker",
            "Void",
            "CharSequence",
            "Comparable",
            "AutoCloseable",
            "Cloneable");

    private JavaRules() {}

    private static void type(RuleId rule, String advice, String... names) {
        for (String n : names) {
            TYPES.put(n, new Denial(rule, advice));
        }
    }

    private static void call(RuleId rule, String advice, String type, String... methods) {
        for (String m : methods) {
            CALLS.put(type + "." + m, new Denial(rule, advice));
        }
    }

    /** Whether a fully qualified type is a reflection type (Class, java.lang.reflect, java.lang.invoke). */
    static boolean isReflectiveType(String fqn) {
        return fqn != null
                && (fqn.equals("java.lang.Class")
                        || fqn.startsWith("java.lang.reflect.")
                        || fqn.startsWith("java.lang.invoke."));
    }

    /** The simple name of a dotted name: {@code Runtime} for {@code java.lang.Runtime}. */
    static String simpleName(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }
}
