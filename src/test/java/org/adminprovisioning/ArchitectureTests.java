package org.adminprovisioning;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

import org.adminprovisioning.cognito.CognitoGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.springframework.data.repository.Repository;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The house rules of STYLE.md that a compiler does not check. */
@AnalyzeClasses(packages = "org.adminprovisioning", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule awsSdkTypesStayInTheCognitoPackage = noClasses()
            .that().resideOutsideOfPackage("org.adminprovisioning.cognito..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon..")
            .because("the saga, the domain and the controllers see Cognito only through the CognitoGateway port");

    @ArchTest
    static final ArchRule controllersAreThin = noClasses()
            .that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().areAssignableTo(Repository.class)
            .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
            .orShould().dependOnClassesThat().areAssignableTo(EntityManager.class)
            .orShould().dependOnClassesThat().areAssignableTo(JdbcOperations.class)
            .orShould().dependOnClassesThat().areAssignableTo(CognitoGateway.class)
            .because("controllers hand requests to a service; repositories, entities and Cognito stay behind it");

    @ArchTest
    static final ArchRule operationsControllerUsesOnlyTheOperations = noClasses()
            .that().haveFullyQualifiedName("org.adminprovisioning.provisioning.AdminOperationsController")
            .should().dependOnClassesThat().haveSimpleNameStartingWith("Journal")
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Records")
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Reconciler")
            .because("every change to an admin goes through its operation, which journals it, and nothing else");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("org.adminprovisioning.(*)..")
            .should().beFreeOfCycles()
            .because("each feature package can be read, changed and tested from its own dependencies downwards");

    @ArchTest
    static final ArchRule featuresNeverReachIntoWeb = noClasses()
            .that().resideOutsideOfPackage("org.adminprovisioning.web..")
            .should().dependOnClassesThat().resideInAPackage("org.adminprovisioning.web..")
            .because("features name their failures in their own terms; only web/ maps them to problem types");

    @ArchTest
    static final ArchRule noFieldInjection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule exceptionsBecomeProblemsOnlyInWeb = noClasses()
            .that().resideOutsideOfPackage("org.adminprovisioning.web..")
            .should().dependOnClassesThat().areAssignableTo(ProblemDetail.class)
            .orShould().beAnnotatedWith(ControllerAdvice.class)
            .orShould().beAnnotatedWith(RestControllerAdvice.class)
            .because("web/ alone turns failures into RFC 9457 problems: its advice, and its 401/403 handlers for the filter chain");

    @ArchTest
    static final ArchRule theCognitoAdapterKnowsNothingOfTheService = noClasses()
            .that().resideInAPackage("org.adminprovisioning.cognito..")
            .should().dependOnClassesThat().resideInAnyPackage("org.adminprovisioning.admin..",
                    "org.adminprovisioning.provisioning..", "org.adminprovisioning.auth..",
                    "org.adminprovisioning.audit..")
            .because("the port and its drivers are the outside edge");

    @ArchTest
    static final ArchRule noStandardStreamsOrJavaUtilLogging = noClasses()
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .orShould(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
            .because("everything goes through SLF4J, where log levels and secrets are under control");

    /** Surefire runs only {@code **}{@code /*Tests.java}: a test class named otherwise would silently never run. */
    @Test
    void everyTestClassNameEndsInTests() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("org.adminprovisioning");
        Set<String> misnamed = new TreeSet<>();
        for (JavaClass type : tests) {
            // Abstract bases run through their subclasses, which inherit the test methods and are checked here.
            boolean hasTests = !type.getModifiers().contains(JavaModifier.ABSTRACT) && !type.isInterface()
                    && type.getAllMethods().stream().anyMatch(m -> m.isAnnotatedWith(Test.class)
                            || m.isAnnotatedWith(ParameterizedTest.class) || m.isAnnotatedWith(TestFactory.class));
            JavaClass topLevel = type;
            while (topLevel.getEnclosingClass().isPresent()) {
                topLevel = topLevel.getEnclosingClass().get();
            }
            if (hasTests && !topLevel.getSimpleName().endsWith("Tests")) {
                misnamed.add(topLevel.getName());
            }
        }
        assertThat(tests).isNotEmpty();
        assertThat(misnamed).as("test classes surefire would skip").isEmpty();
    }
}
