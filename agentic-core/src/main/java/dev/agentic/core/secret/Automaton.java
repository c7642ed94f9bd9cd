package dev.agentic.core.secret;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Finds every occurrence of many patterns in one pass over a text (Aho–Corasick, compiled to a dense
 * transition table over the patterns' own characters). Immutable and thread-safe once built.
 */
final class Automaton {
    /** Receives the end (exclusive) and length of the longest pattern ending at each position. */
    interface Sink {
        void match(int end, int length);
    }

    private static final int ASCII = 128;
    private final char[] alphabet;
    private final int[] asciiIndex = new int[ASCII];
    private final int width;
    private final int[] delta;
    private final int[] depth;
    private final int[] longest;

    Automaton(Collection<String> patterns) {
        TreeSet<Character> chars = new TreeSet<>();
        for (String p : patterns) {
            for (int i = 0; i < p.length(); i++) {
                chars.add(p.charAt(i));
            }
        }
        alphabet = new char[chars.size()];
        int a = 0;
        for (char c : chars) {
            alphabet[a++] = c;
        }
        for (int i = 0; i < alphabet.length; i++) {
            if (alphabet[i] < ASCII) {
                asciiIndex[alphabet[i]] = i + 1;
            }
        }
        width = alphabet.length + 1; // column 0: any character no pattern has
        List<int[]> rows = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        rows.add(new int[width]);
        depths.add(0);
        ends.add(0);
        for (String p : patterns) {
            int s = 0;
            for (int i = 0; i < p.length(); i++) {
                int c = index(p.charAt(i));
                if (rows.get(s)[c] == 0) {
                    rows.get(s)[c] = rows.size();
                    rows.add(new int[width]);
                    depths.add(i + 1);
                    ends.add(0);
                }
                s = rows.get(s)[c];
            }
            ends.set(s, Math.max(ends.get(s), p.length()));
        }
        int n = rows.size();
        delta = new int[n * width];
        depth = new int[n];
        longest = new int[n];
        int[] fail = new int[n];
        for (int s = 0; s < n; s++) {
            depth[s] = depths.get(s);
            longest[s] = ends.get(s);
        }
        // breadth first: a state's failure target is shallower, so its row is complete when needed
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < width; c++) {
            int t = rows.get(0)[c];
            delta[c] = t;
            if (t != 0) {
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            longest[s] = Math.max(longest[s], longest[fail[s]]);
            for (int c = 0; c < width; c++) {
                int t = rows.get(s)[c];
                if (t != 0) {
                    fail[t] = delta[fail[s] * width + c];
                    delta[s * width + c] = t;
                    queue.add(t);
                } else {
                    delta[s * width + c] = delta[fail[s] * width + c];
                }
            }
        }
    }

    private int index(char c) {
        if (c < ASCII) {
            return asciiIndex[c];
        }
        int i = Arrays.binarySearch(alphabet, c);
        return i < 0 ? 0 : i + 1;
    }

    /**
     * Reports the longest pattern ending at each position of {@code text} to {@code sink} and returns the
     * length of the longest suffix of {@code text} that begins some pattern (what a cut at the end may hide).
     */
    int scan(CharSequence text, Sink sink) {
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            s = delta[s * width + index(text.charAt(i))];
            if (longest[s] > 0) {
                sink.match(i + 1, longest[s]);
            }
        }
        return depth[s];
    }
}
