package booster.operator;

import booster.api.ModelBooster;
import booster.api.Problem;
import booster.translate.KthenaProfile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.function.Consumer;

/**
 * The translation a reconcile runs: the desired children for the cluster's Kthena profile, with validation warnings
 * handed to the caller.
 */
@FunctionalInterface
interface Render {
  List<GenericKubernetesResource> children(ModelBooster booster, KthenaProfile profile, Consumer<Problem> warnings);
}
