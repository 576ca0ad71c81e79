package booster.operator;

import booster.api.ModelBooster;
import booster.api.Problem;
import booster.translate.KthenaProfile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.function.Consumer;

/**
 * The translation a reconcile runs: a booster's desired children for the cluster's Kthena profile,
 * with validation warnings handed to the caller.
 */
@FunctionalInterface
interface DesiredChildren {
  List<GenericKubernetesResource> of(
      ModelBooster booster, KthenaProfile profile, Consumer<Problem> warnings);
}
