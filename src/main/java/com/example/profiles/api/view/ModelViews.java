package com.example.profiles.api.view;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.example.profiles.lifecycle.ModelService;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.TrafficSplit;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answers of the model endpoints. Serialized by Jackson: registered for a native image. */
public final class ModelViews {

    private ModelViews() {
    }

    @RegisterForReflection
    @Schema(name = "Model")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(
            @JsonProperty("model") String model,
            @Schema(description = "0 for default before any vector of it was written.")
            @JsonProperty("dimension") int dimension,
            @Schema(enumeration = { "dot", "cosine" }) @JsonProperty("metric") String metric,
            @JsonProperty("description") String description,
            @Schema(enumeration = { "staged", "serving", "retired" },
                    description = "serving: it has a share of the traffic split; retired: its vectors are being removed.")
            @JsonProperty("state") String state,
            @Schema(format = "date-time") @JsonProperty("created_at") String createdAt,
            @Schema(format = "date-time") @JsonProperty("retired_at") String retiredAt,
            @Schema(description = "Items with a vector in this model, in the catalog this pod loaded.")
            @JsonProperty("items") int items,
            @Schema(description = "Content hash of this model's item vectors as this pod loaded them; absent when none is loaded.")
            @JsonProperty("catalog_version") String catalogVersion,
            @Schema(description = "Memory this model's vectors take in this pod (float32 and int8 copies).")
            @JsonProperty("bytes") long bytes) {

        public static Model of(ModelService.ModelView view) {
            ModelDefinition d = view.definition();
            return new Model(d.name(), d.dimension(), d.metric().name().toLowerCase(Locale.ROOT), d.description(),
                    view.state(), d.createdAt() == null ? null : d.createdAt().toString(),
                    d.retiredAt() == null ? null : d.retiredAt().toString(), view.items(), view.catalogVersion(),
                    view.bytes());
        }
    }

    @RegisterForReflection
    @Schema(name = "Traffic")
    public record Traffic(
            @Schema(description = "Integer shares by model, summing to 100.") @JsonProperty("split") Map<String, Integer> split,
            @Schema(description = "The assignment's salt; null while no split was stored (default serves everyone).")
            @JsonProperty("salt") String salt,
            @Schema(format = "date-time") @JsonProperty("updated_at") String updatedAt) {

        public static Traffic of(TrafficSplit split) {
            return new Traffic(split.split(), split.updatedAt() == null ? null : split.salt(),
                    split.updatedAt() == null ? null : split.updatedAt().toString());
        }
    }

    @RegisterForReflection
    @Schema(name = "Models")
    public record Models(@JsonProperty("models") List<Model> models, @JsonProperty("traffic") Traffic traffic) {

        public static Models of(ModelService.Overview overview) {
            return new Models(overview.models().stream().map(Model::of).toList(),
                    Traffic.of(overview.traffic() == null ? TrafficSplit.all(com.example.profiles.model.ModelNames.DEFAULT)
                            : overview.traffic()));
        }
    }
}
