package booster.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** The ModelBooster custom resource: one inference service, in any upstream shape. */
@Group(ModelBooster.GROUP)
@Version(ModelBooster.VERSION)
@Kind(ModelBooster.KIND)
@Plural("modelboosters")
@Singular("modelbooster")
@ShortNames("mb")
@AdditionalPrinterColumn(
    name = "Type",
    jsonPath = ".spec.backend.type",
    getDescription = "Backend type (v0.2+ shape)")
@AdditionalPrinterColumn(
    name = "Legacy Type",
    jsonPath = ".spec.backends[0].type",
    getDescription = "Type of the first backend (v0.1 shape)")
// Which of the two replica styles a booster uses shows as the columns it fills: Replicas, or Min
// and Max.
@AdditionalPrinterColumn(
    name = "Replicas",
    jsonPath = ".spec.backend.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "Fixed serving groups (v1.0 style)")
@AdditionalPrinterColumn(
    name = "Min",
    jsonPath = ".spec.backend.minReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "Fewest serving groups (autoscaling range)")
@AdditionalPrinterColumn(
    name = "Max",
    jsonPath = ".spec.backend.maxReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "Most serving groups (autoscaling range)")
@AdditionalPrinterColumn(
    name = "Initialized",
    jsonPath = ".status.conditions[?(@.type==\"Initialized\")].status")
@AdditionalPrinterColumn(
    name = "Active",
    jsonPath = ".status.conditions[?(@.type==\"Active\")].status")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
// Route rules that need the booster's name, which only the root of the schema can read.
@ValidationRule(
    value =
        "!has(self.spec) || !has(self.spec.routes)"
            + " || self.spec.routes.all(r, size(self.metadata.name) + size(r.name) < 63)",
    message = "the child name metadata.name-routes[].name must be no more than 63 characters")
@ValidationRule(
    value =
        "!has(self.spec) || !has(self.spec.routes) || self.spec.routes.all(r, !has(r.rateLimit)"
            + " || (has(r.modelName) && r.modelName != self.metadata.name"
            + " && self.spec.routes.exists_one(o, has(o.modelName) && o.modelName == r.modelName)))",
    message =
        "a route with a rateLimit needs a modelName no other route of the booster answers (the Kthena router"
            + " keeps one token budget per model name)")
@ValidationRule(
    value =
        "!has(self.spec) || !has(self.spec.rateLimit) || !has(self.spec.routes)"
            + " || self.spec.routes.all(r, has(r.modelName) && r.modelName != self.metadata.name)",
    message =
        "with spec.rateLimit, every route needs a modelName other than metadata.name (the Kthena router"
            + " keeps one token budget per model name)")
public class ModelBooster extends CustomResource<ModelBoosterSpec, ModelBoosterStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  public static final String GROUP = "workload.serving.volcano.sh";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = "ModelBooster";
  public static final String API_VERSION = GROUP + "/" + VERSION;
}
