package dev.agentic.core.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Whether an output file is text (valid UTF-8) and its characters. Stateless. */
final class OutputText {
    private OutputText() {}

    /** The content as text when it is valid UTF-8. */
    static Optional<String> decode(byte[] content) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The content with every byte sequence that is not UTF-8 as {@code U+FFFD}: text runs stay readable. */
    static String decodeLeniently(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }
}
