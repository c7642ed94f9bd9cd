import java.util.ArrayList;
import java.util.List;

/** A workflow engine whose own types happen to be called Runtime, Process and Files. */
public class DomainNamesShadowJdk {
    record Process(String name, int priority) {
        Process destroy() {
            return new Process(name + " (stopped)", priority);
        }
    }

    static final class Runtime {
        private static final Runtime INSTANCE = new Runtime();
        private final List<Process> queue = new ArrayList<>();

        static Runtime getRuntime() {
            return INSTANCE;
        }

        Process exec(String job) {
            Process p = new Process(job, queue.size());
            queue.add(p);
            return p;
        }

        void exit(int code) {
            queue.clear();
        }
    }

    static final class Files {
        static void delete(String name) {
            System.out.println("forget " + name);
        }
    }

    public static void main(String[] args) {
        Runtime rt = Runtime.getRuntime();
        Process p = rt.exec("nightly-report");
        System.out.println(p.destroy());
        Files.delete("/var/cache/report");
        rt.exit(0);
    }
}
