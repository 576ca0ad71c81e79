package booster.cli;

import booster.cluster.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Reading stored boosters untyped, so objects of any shape (even ones our model rejects) can be shown. */
final class Boosters {
  static final String RESOURCE = Kinds.MODEL_BOOSTER.getPlural() + "." + Kinds.MODEL_BOOSTER.getGroup();

  private Boosters() {
  }

  /** The booster, or kubectl's NotFound error. */
  static GenericKubernetesResource get(KubernetesClient client, String namespace, String name) {
    GenericKubernetesResource booster = Kinds.genericBoosters(client).inNamespace(namespace).withName(name).get();
    if (booster == null) {
      throw notFound(name);
    }
    return booster;
  }

  static KubernetesClientException notFound(String name) {
    return new KubernetesClientException(new StatusBuilder().withCode(404).withReason("NotFound")
        .withMessage(RESOURCE + " \"" + name + "\" not found").build());
  }
}
