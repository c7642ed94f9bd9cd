package dev.agentic.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.annotation.Stable;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The module rules of the build, checked on the main classes of every module on this module's class path:
 * no module reaches into another's {@code internal} packages, every public API type says how stable it is,
 * and core stays free of vendor SDKs, parsers and native bindings.
 */
@AnalyzeClasses(packages = "dev.agentic", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Modules whose types are published API (the unpublished examples and benchmarks are exempt). */
    private static final Set<String> PUBLISHED =
            Set.of("core", "validate", "sandbox", "fakes", "testkit", "cli", "bedrock", "storage", "langchain4j");

    @ArchTest
    static final ArchRule noModuleImportsAnotherModulesInternalPackages = classes()
            .should(new ArchCondition<JavaClass>("not depend on another module's internal packages") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    String own = module(origin);
                    for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                        JavaClass target = d.getTargetClass();
                        if (target.getPackageName().contains(".internal")
                                && !module(target).equals(own)
                                && target.getPackageName().startsWith("dev.agentic.")) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    }
                }
            });

    @ArchTest
    static final ArchRule everyPublicApiTypeCarriesAStabilityMark = classes()
            .that()
            .arePublic()
            .and()
            .areTopLevelClasses()
            .and()
            .resideOutsideOfPackage("..internal..")
            .and(new DescribedPredicate<JavaClass>("are in a published module") {
                @Override
                public boolean test(JavaClass c) {
                    return PUBLISHED.contains(module(c)) && !c.getSimpleName().equals("package-info");
                }
            })
            .should()
            .beAnnotatedWith(Stable.class)
            .orShould()
            .beAnnotatedWith(Experimental.class)
            .orShould()
            .beAnnotatedWith(Internal.class)
            .because("users must be able to tell stable API from API that may still change");

    @ArchTest
    static final ArchRule coreUsesNoVendorSdkParserOrNativeBinding = noClasses()
            .that()
            .resideInAPackage("dev.agentic.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon..",
                    "com.amazonaws..",
                    "com.github.javaparser..",
                    "org.treesitter..",
                    "dev.langchain4j..")
            .because("agentic-core must stay free of AWS types, parsers and native code");

    /** The rules above see every published module, so none of them can pass by seeing nothing. */
    @ArchTest
    static void theRulesSeeEveryPublishedModule(JavaClasses classes) {
        Set<String> seen = classes.stream().map(ArchitectureTest::module).collect(Collectors.toSet());

        assertThat(seen)
                .contains(
                        "core", "validate", "sandbox", "fakes", "testkit", "cli", "storage", "bedrock", "langchain4j");
    }

    /** The module of a class: the package segment after {@code dev.agentic.}. */
    private static String module(JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith("dev.agentic.")) {
            return "";
        }
        String rest = p.substring("dev.agentic.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
