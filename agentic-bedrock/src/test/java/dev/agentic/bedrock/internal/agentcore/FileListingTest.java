package dev.agentic.bedrock.internal.agentcore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockagentcore.model.ContentBlock;
import software.amazon.awssdk.services.bedrockagentcore.model.ResourceContent;

/** The lenient reading of {@code listFiles} answers, whose exact shape the service does not document. */
class FileListingTest {

    private static ContentBlock link(String uri, String name, Long size, String mime, String description) {
        return ContentBlock.builder()
                .type("resource_link")
                .uri(uri)
                .name(name)
                .size(size)
                .mimeType(mime)
                .description(description)
                .build();
    }

    @Test
    void aOneLevelListingIsWalkedIntoItsDirectories() {
        List<String> asked = new ArrayList<>();
        FileListing listing = new FileListing(dir -> {
            asked.add(dir);
            return switch (dir) {
                case "." ->
                    List.of(
                            link("file:///srv/work/a.txt", "a.txt", 5L, "text/plain", "file"),
                            link("file:///srv/work/out/", "out", null, null, null),
                            link("file:///srv/work/logs", "logs", null, "inode/directory", null),
                            ContentBlock.builder()
                                    .type("text")
                                    .text("3 entries")
                                    .build());
                case "out" ->
                    List.of(
                            link("file:///srv/work/out/r.csv", "r.csv", null, "text/csv", "12 bytes"),
                            link("file:///srv/work/out/deep/", "deep", null, null, "directory"));
                case "out/deep" -> List.of(link("file:///srv/work/out/deep/x.bin", null, 3L, null, null));
                case "logs" -> List.of();
                default -> throw new AssertionError("unexpected listing of " + dir);
            };
        });

        Map<String, Long> files = listing.list(new ArrayList<>());

        assertThat(files)
                .containsExactly(Map.entry("a.txt", 5L), Map.entry("out/deep/x.bin", 3L), Map.entry("out/r.csv", 12L));
        assertThat(asked).containsExactly(".", "out", "logs", "out/deep");
    }

    @Test
    void aRecursiveListingWithRelativeNamesAndResourceBlocksIsReadAsIs() {
        FileListing listing = new FileListing(dir -> List.of(
                link("file:///w/sub/a.txt", "sub/a.txt", 2L, null, null),
                link("file:///w/.agentic-env-0123.json", ".agentic-env-0123.json", 40L, null, null),
                ContentBlock.builder()
                        .type("resource")
                        .resource(ResourceContent.builder()
                                .type("blob")
                                .uri("file:///w/b.bin")
                                .blob(SdkBytes.fromByteArray(new byte[7]))
                                .build())
                        .build(),
                link(null, "nosize.txt", null, null, "a file"),
                ContentBlock.builder()
                        .type("image")
                        .data(SdkBytes.fromByteArray(new byte[1]))
                        .build()));

        Map<String, Long> files = listing.list(new ArrayList<>());

        assertThat(files)
                .as("an environment file is never an output; unknown sizes are -1")
                .containsExactly(Map.entry("b.bin", 7L), Map.entry("nosize.txt", -1L), Map.entry("sub/a.txt", 2L));
    }

    @Test
    void aListingThatNeverEndsStopsAtTheDepthCapWithANote() {
        FileListing listing = new FileListing(dir -> List.of(link(null, "d/", null, null, null)));
        List<String> notes = new ArrayList<>();

        assertThat(listing.list(notes)).isEmpty();
        assertThat(notes).singleElement().asString().contains("deeper than " + FileListing.MAX_DEPTH);
    }
}
