package io.ailanes.sharedlib

import static org.assertj.core.api.Assertions.assertThat

import io.ailanes.engine.config.AiLanesConfig

import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type

import org.junit.jupiter.api.Test

/** docs/CONFIGURATION.md names every field the configuration has: a new field without documentation fails here. */
class ConfigurationReferenceTest {

    @Test
    void everyFieldOfTheConfigurationIsDocumented() {
        String reference = Pipeline.ROOT.resolve('docs/CONFIGURATION.md').getText('UTF-8')
        Set<String> fields = new TreeSet<>()
        collect(AiLanesConfig, fields)

        assertThat(fields).contains('providers', 'credentialsId', 'firstByte', 'maxRetryAfter', 'cacheWrite1h',
                'allowSameFamily', 'globalPerDayUsd', 'circuitBreakerCooldown', 'audit')
        fields.each { field ->
            assertThat(reference).as("docs/CONFIGURATION.md documents `$field`").contains("`$field`")
        }
    }

    /** The record components of {@code type} and of every record it holds, directly or in a list or map. */
    static void collect(Class type, Set<String> fields) {
        type.getRecordComponents().each { component ->
            fields << component.name
            records(component.genericType).each { collect(it, fields) }
        }
    }

    static List<Class> records(Type type) {
        if (type instanceof Class) {
            return ((Class) type).isRecord() ? [(Class) type] : []
        }
        if (type instanceof ParameterizedType) {
            return ((ParameterizedType) type).actualTypeArguments.collectMany { records(it) }
        }
        return []
    }
}
