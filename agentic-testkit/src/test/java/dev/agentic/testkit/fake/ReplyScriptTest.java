package dev.agentic.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplyScriptTest {
    private record Request(String key, int n) {}

    private final ReplyScript<Request, String> script =
            new ReplyScript<>(Request::key, r -> "no script for " + r.key());

    @Test
    void eachCallTakesTheNextReplyAndTheLastOneRepeats() {
        script.script("a", "one", "two");

        assertThat(script.next(new Request("a", 1))).isEqualTo("one");
        assertThat(script.next(new Request("a", 2))).isEqualTo("two");
        assertThat(script.next(new Request("a", 3))).isEqualTo("two");
    }

    @Test
    void aKeyWithoutScriptIsAnsweredByTheFallbackUntilReplaced() {
        assertThat(script.next(new Request("b", 1))).isEqualTo("no script for b");

        script.otherwise(r -> "other " + r.n());

        assertThat(script.next(new Request("b", 2))).isEqualTo("other 2");
    }

    @Test
    void requestsAreRecordedInOrderAndFilteredByKey() {
        script.record(new Request("a", 1));
        script.record(new Request("b", 2));
        script.record(new Request("a", 3));

        assertThat(script.requests()).extracting(Request::n).containsExactly(1, 2, 3);
        assertThat(script.requests("a")).extracting(Request::n).containsExactly(1, 3);
    }

    @Test
    void nextDoesNotRecord() {
        script.next(new Request("a", 1));

        assertThat(script.requests()).isEmpty();
    }

    @Test
    void anEmptyScriptIsRefusedWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> script.script("m")).hasMessage("script(m) needs at least one reply");
    }
}
