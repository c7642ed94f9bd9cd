package dev.agentic.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM and the parent's list of our modules name every published module, read from the poms themselves:
 * a module added to the parent's {@code <modules>} without its BOM entry fails here by name. Unpublished are
 * the BOM itself, {@code examples}, {@code benchmarks} and any module whose pom sets
 * {@code maven.deploy.skip} to true.
 */
class BomListsEveryPublishedModuleTest {
    private static final Set<String> NEVER_PUBLISHED = Set.of("agentic-bom", "examples", "benchmarks");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bomManagesEveryPublishedModule() throws Exception {
        Set<String> published = publishedModules(ROOT);
        Set<String> inBom = managedOurs(ROOT.resolve("agentic-bom/pom.xml"));

        assertThat(published).as("published modules found in the parent pom").contains("agentic-core");
        assertThat(missing(published, inBom))
                .as("published modules missing from agentic-bom/pom.xml "
                        + "<dependencyManagement>; add a dependency for each")
                .isEmpty();
        assertThat(missing(inBom, published))
                .as("agentic-bom/pom.xml lists artifacts that are not published " + "modules of the parent pom")
                .isEmpty();
    }

    @Test
    void parentManagesEveryPublishedModuleLikeTheBom() throws Exception {
        Set<String> inParent = managedOurs(ROOT.resolve("pom.xml"));

        assertThat(missing(publishedModules(ROOT), inParent))
                .as("published modules missing from the parent pom's "
                        + "<dependencyManagement> (the same list as agentic-bom)")
                .isEmpty();
    }

    private static Set<String> missing(Set<String> expected, Set<String> actual) {
        Set<String> m = new TreeSet<>(expected);
        m.removeAll(actual);
        return m;
    }

    @Test
    void aModuleMissingFromTheBomIsFoundByNameAndUnpublishedOnesAreIgnored(@TempDir Path root) throws Exception {
        Files.writeString(
                root.resolve("pom.xml"),
                "<project><modules><module>agentic-bom</module>"
                        + "<module>core</module><module>validate</module><module>demo</module></modules></project>");
        module(root, "agentic-bom", "agentic-bom", "");
        module(root, "core", "agentic-core", "");
        module(root, "validate", "agentic-validate", "");
        module(root, "demo", "agentic-demo", "<properties><maven.deploy.skip>true</maven.deploy.skip></properties>");
        Files.writeString(
                root.resolve("agentic-bom/pom.xml"),
                "<project><artifactId>agentic-bom</artifactId>"
                        + "<dependencyManagement><dependencies><dependency><groupId>dev.agentic</groupId>"
                        + "<artifactId>agentic-core</artifactId></dependency></dependencies></dependencyManagement></project>");

        Set<String> published = publishedModules(root);

        assertThat(published).containsExactly("agentic-core", "agentic-validate");
        assertThat(missing(published, managedOurs(root.resolve("agentic-bom/pom.xml"))))
                .containsExactly("agentic-validate");
    }

    private static void module(Path root, String dir, String artifactId, String more) throws Exception {
        Files.createDirectories(root.resolve(dir));
        Files.writeString(
                root.resolve(dir).resolve("pom.xml"),
                "<project><artifactId>" + artifactId + "</artifactId>" + more + "</project>");
    }

    /** Artifact ids of the modules of the pom in {@code root} that are published. */
    private static Set<String> publishedModules(Path root) throws Exception {
        Document parent = read(root.resolve("pom.xml"));
        Set<String> published = new TreeSet<>();
        for (Element module : children(child(parent.getDocumentElement(), "modules"), "module")) {
            Path pom = root.resolve(module.getTextContent().trim()).resolve("pom.xml");
            assertThat(pom)
                    .as("pom of module " + module.getTextContent().trim())
                    .exists();
            Element project = read(pom).getDocumentElement();
            String artifactId = child(project, "artifactId").getTextContent().trim();
            if (!NEVER_PUBLISHED.contains(artifactId) && !skipsDeploy(project)) {
                published.add(artifactId);
            }
        }
        return published;
    }

    private static boolean skipsDeploy(Element project) {
        Element properties = child(project, "properties");
        Element skip = properties == null ? null : child(properties, "maven.deploy.skip");
        return skip != null && skip.getTextContent().trim().equals("true");
    }

    /** Artifact ids of group dev.agentic in {@code <dependencyManagement>} of {@code pom}. */
    private static Set<String> managedOurs(Path pom) throws Exception {
        Element management = child(read(pom).getDocumentElement(), "dependencyManagement");
        Set<String> ids = new TreeSet<>();
        for (Element dependency : children(child(management, "dependencies"), "dependency")) {
            if (child(dependency, "groupId").getTextContent().trim().equals("dev.agentic")) {
                ids.add(child(dependency, "artifactId").getTextContent().trim());
            }
        }
        return ids;
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(pom)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }
}
