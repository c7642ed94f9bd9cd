package dev.agentic.cli.demo;

import dev.agentic.core.annotation.Internal;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.fakes.ScriptedChatModel;
import java.util.Locale;

/**
 * The scripted offline model of {@code agentic serve} without {@code --model}: it writes no code, it picks one of
 * a few prepared programs by the words of the task (primes, squares and their sum, Fibonacci numbers, a CSV file,
 * a chart as a PNG image) and otherwise answers with a program that says it has none. Thread-safe.
 */
@Internal
public final class OfflineModel {
    /** The model's id, shown on the page. */
    public static final String ID = "offline-scripted";

    /** What the page says about it. */
    public static final String NOTICE = "Scripted offline model: it picks prepared programs by keyword (primes, "
            + "squares, sum, Fibonacci, CSV, chart); no language model writes code. Start with --model for a real one.";

    private OfflineModel() {}

    public static ChatModel create() {
        return ScriptedChatModel.builder()
                .id(ID)
                .respondWith(OfflineModel::answer)
                .build();
    }

    static ChatResponse answer(ChatRequest request) {
        String prompt = request.lastUserText();
        String task = currentTask(prompt).toLowerCase(Locale.ROOT);
        String text = "```python\n" + program(task, prompt) + "```\n";
        long in = Math.max(1, prompt.length() / 4);
        long out = Math.max(1, text.length() / 4);
        return new ChatResponse(Message.assistant(text), StopReason.END_TURN, new TokenUsage(in, out), ID);
    }

    /** The task line of the prompt: after the last line that starts with "Task: ", up to the blank line. */
    static String currentTask(String prompt) {
        int at = prompt.lastIndexOf("Task: ");
        if (at < 0) {
            return prompt;
        }
        int end = prompt.indexOf("\n\n", at);
        return prompt.substring(at + "Task: ".length(), end < 0 ? prompt.length() : end);
    }

    private static String program(String task, String prompt) {
        if (task.contains("chart") || task.contains("plot") || task.contains("image") || task.contains("png")) {
            return chart();
        }
        if (task.contains("sum") && prompt.contains("squares = [")) {
            return prompt.contains("same interpreter session")
                    ? "print(\"sum:\", sum(squares))\n"
                    : "squares = [n * n for n in range(1, 11)]\nprint(\"sum:\", sum(squares))\n";
        }
        if (task.contains("prime")) {
            return String.join(
                    "\n",
                    "primes = []",
                    "n = 2",
                    "while len(primes) < 10:",
                    "    if all(n % p for p in primes):",
                    "        primes.append(n)",
                    "    n += 1",
                    "print(\"primes:\", primes)",
                    "");
        }
        if (task.contains("square")) {
            return "squares = [n * n for n in range(1, 11)]\nprint(\"squares:\", squares)\n";
        }
        if (task.contains("fibonacci")) {
            return "fib = [0, 1]\nwhile len(fib) < 15:\n    fib.append(fib[-1] + fib[-2])\nprint(\"fibonacci:\", fib)\n";
        }
        if (task.contains("csv")) {
            return String.join(
                    "\n",
                    "import csv",
                    "rows = [(n, n * n, n ** 3) for n in range(1, 11)]",
                    "with open(\"powers.csv\", \"w\", newline=\"\") as f:",
                    "    w = csv.writer(f)",
                    "    w.writerow([\"n\", \"square\", \"cube\"])",
                    "    w.writerows(rows)",
                    "print(open(\"powers.csv\").read())",
                    "");
        }
        return "print(\"The offline model has no program for this task. Try one about primes, squares (then their "
                + "sum), Fibonacci numbers, a CSV file or a chart, or start agentic serve with --model.\")\n";
    }

    /** A bar chart of the first eight squares as a PNG, written with zlib and struct only. */
    private static String chart() {
        return String.join(
                "\n",
                "import struct, zlib",
                "",
                "values = [n * n for n in range(1, 9)]",
                "width, height, bar = 320, 200, 40",
                "top = max(values)",
                "rows = []",
                "for y in range(height):",
                "    row = bytearray([0])",
                "    for x in range(width):",
                "        i = x // bar",
                "        filled = height - y <= values[i] * (height - 10) // top and x % bar > 4",
                "        row += bytes((35, 47, 62) if filled else (246, 247, 249))",
                "    rows.append(bytes(row))",
                "",
                "def chunk(kind, data):",
                "    body = kind + data",
                "    return struct.pack(\">I\", len(data)) + body + struct.pack(\">I\", zlib.crc32(body) & 0xFFFFFFFF)",
                "",
                "png = b\"\\x89PNG\\r\\n\\x1a\\n\"",
                "png += chunk(b\"IHDR\", struct.pack(\">IIBBBBB\", width, height, 8, 2, 0, 0, 0))",
                "png += chunk(b\"IDAT\", zlib.compress(b\"\".join(rows)))",
                "png += chunk(b\"IEND\", b\"\")",
                "with open(\"chart.png\", \"wb\") as f:",
                "    f.write(png)",
                "print(\"wrote chart.png: squares of 1..8 as bars\")",
                "");
    }
}
