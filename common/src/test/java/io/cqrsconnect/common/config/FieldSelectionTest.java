package io.cqrsconnect.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class FieldSelectionTest {

    private static final Schema ADDRESS = SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).build();
    private static final Schema ORDER = SchemaBuilder.struct().name("shop.Order")
            .field("id", Schema.INT64_SCHEMA).field("secret", Schema.STRING_SCHEMA)
            .field("cust_id", Schema.INT64_SCHEMA).field("address", ADDRESS).build();

    private static Struct order() {
        return new Struct(ORDER).put("id", 1L).put("secret", "pin").put("cust_id", 7L)
                .put("address", new Struct(ADDRESS).put("city", "Oslo"));
    }

    private static FieldSelection selection(List<String> include, List<String> exclude, List<String> rename) {
        ConfigProblems problems = new ConfigProblems();
        FieldSelection selection = FieldSelection.of(include, exclude, rename, problems);
        assertThat(problems.isEmpty()).as(problems.toString()).isTrue();
        return selection;
    }

    @Test
    void excludedFieldsAreDroppedAndRenamedFieldsTakeTheirNewNamesInSchemaAndValueAlike() {
        FieldSelection selection = selection(List.of(), List.of("secret"), List.of("cust_id:customer_id"));

        Struct projected = selection.project(order());

        assertThat(projected.schema().fields()).extracting(Field::name)
                .containsExactly("id", "customer_id", "address");
        assertThat(projected.schema()).isSameAs(selection.project(ORDER));
        assertThat(projected.schema().name()).isEqualTo("shop.Order");
        assertThat(projected.getInt64("customer_id")).isEqualTo(7L);
        assertThat(projected.getStruct("address").getString("city")).isEqualTo("Oslo");
    }

    @Test
    void includeKeepsOnlyTheNamedTopLevelFields() {
        FieldSelection selection = selection(List.of("id", "address"), List.of(), List.of());

        assertThat(selection.project(ORDER).fields()).extracting(Field::name).containsExactly("id", "address");
        assertThat(selection.keeps("secret")).isFalse();
        assertThat(selection.keeps("id")).isTrue();
    }

    @Test
    void anEmptySelectionHandsTheValueOnUntouched() {
        FieldSelection selection = FieldSelection.all();
        Struct value = order();

        assertThat(selection.keepsEverything()).isTrue();
        assertThat(selection.project(value)).isSameAs(value);
        assertThat(selection.project(ORDER)).isSameAs(ORDER);
    }

    @Test
    void eachBrokenSettingIsReportedOnItsKey() {
        ConfigProblems problems = new ConfigProblems();

        FieldSelection selection = FieldSelection.of(List.of("id", "secret"), List.of("secret"),
                List.of("cust_id", "a:x", "b:x", "a:y"), problems);

        Map<String, List<String>> byKey = problems.byKey();
        assertThat(byKey.get(FieldSelection.FIELD_EXCLUDE_LIST_CONFIG)).singleElement().asString()
                .contains("both included and excluded", "secret");
        assertThat(byKey.get(FieldSelection.FIELD_RENAMES_CONFIG)).hasSize(3).satisfiesExactly(
                malformed -> assertThat(malformed).contains("field:new_name", "'cust_id'"),
                sameName -> assertThat(sameName).contains("'a' and 'b'", "'x'"),
                twice -> assertThat(twice).contains("'a' is renamed twice"));
        assertThat(selection.renames()).containsExactly(Map.entry("a", "x"));
    }

    @Test
    void aFieldAnotherSettingNeedsMustBeKeptAndTheProblemIsOnThatSetting() {
        ConfigProblems problems = new ConfigProblems();
        FieldSelection excluding = selection(List.of(), List.of("id"), List.of());
        FieldSelection including = selection(List.of("secret"), List.of(), List.of());

        excluding.requireKept("pk.fields", List.of("id", "address.city"), problems);
        including.requireKept("version.field", List.of("cust_id"), problems);
        including.requireKept("pk.fields", List.of("secret"), problems);

        assertThat(problems.byKey()).containsOnlyKeys("pk.fields", "version.field");
        assertThat(problems.byKey().get("pk.fields")).singleElement().asString()
                .contains("'id'", "excluded by field.exclude.list", "pk.fields needs it");
        assertThat(problems.byKey().get("version.field")).singleElement().asString()
                .contains("'cust_id'", "not in field.include.list");
    }

    @Test
    void aFlattenedFieldIsSelectedByItsFlattenedNameOrByItsTopLevelField() {
        FieldSelection excluding = selection(List.of(), List.of("address_zip", "meta"), List.of());
        assertThat(excluding.keepsFlattened("address", "address_city")).isTrue();
        assertThat(excluding.keepsFlattened("address", "address_zip")).isFalse();
        assertThat(excluding.keepsFlattened("meta", "meta_source")).as("excluded with its struct").isFalse();
        assertThat(excluding.excludes("meta")).isTrue();
        assertThat(excluding.excludes("address")).isFalse();

        FieldSelection including = selection(List.of("id", "address", "meta_source"), List.of(), List.of());
        assertThat(including.keepsFlattened("address", "address_city")).as("included with its struct").isTrue();
        assertThat(including.keepsFlattened("meta", "meta_source")).isTrue();
        assertThat(including.keepsFlattened("meta", "meta_version")).isFalse();

        assertThat(FieldSelection.all().keepsFlattened("meta", "meta_version")).isTrue();
    }

    @Test
    void aSinkThatWritesNeededFieldsAlwaysRefusesOnlyTheirExclusion() {
        ConfigProblems problems = new ConfigProblems();
        FieldSelection selection = selection(List.of("secret"), List.of("id"), List.of());

        selection.requireNotExcluded("pk.fields", List.of("id", "cust_id"), problems);

        assertThat(problems.byKey()).containsOnlyKeys("pk.fields");
        assertThat(problems.byKey().get("pk.fields")).as("cust_id is not included, and still written")
                .singleElement().asString().contains("'id'", "excluded by field.exclude.list", "pk.fields needs it");
    }

    @Test
    void aRenameOntoAFieldTheValueAlsoHasIsRefusedForThatValue() {
        FieldSelection selection = selection(List.of(), List.of(), List.of("cust_id:id"));

        assertThatThrownBy(() -> selection.project(order())).isInstanceOf(DataException.class)
                .hasMessageContaining("'id' and 'cust_id'").hasMessageContaining("field.renames");
    }
}
