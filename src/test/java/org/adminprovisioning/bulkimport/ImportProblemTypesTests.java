package org.adminprovisioning.bulkimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.stream.Stream;

import org.adminprovisioning.provisioning.FailureReason;
import org.adminprovisioning.web.ProblemType;
import org.junit.jupiter.api.Test;

/** A row's {@code problemType} is one of the API's problem types, as {@code web/} names them. */
class ImportProblemTypesTests {

    @Test
    void rowProblemTypes_areTheApisOwn() {
        assertThat(AdminImports.PROBLEM_BASE).isEqualTo(ProblemType.BASE);
        Stream.concat(Stream.of(FailureReason.values()).map(FailureReason::code),
                Stream.of("invalid-email", "internal-error", "email-quota-exceeded"))
                .forEach(slug -> assertThatCode(() -> ProblemType.fromSlug(slug)).as(slug).doesNotThrowAnyException());
    }
}
