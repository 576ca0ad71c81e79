package booster.cli;

import booster.api.ModelBooster;
import booster.cluster.ApiErrors;
import booster.cluster.Kinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.ResourceNotFoundException;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * Reading stored boosters: untyped, so objects of any shape (even ones our model rejects) can be
 * shown, or typed. One GET of the booster's own path, no discovery first; its 404 says whether the
 * booster or its API is missing.
 */
final class StoredBoosters {
  static final String RESOURCE =
      Kinds.MODEL_BOOSTER.getPlural() + "." + Kinds.MODEL_BOOSTER.getGroup();

  private StoredBoosters() {}

  /** The booster, or kubectl's NotFound error. */
  static GenericKubernetesResource get(KubernetesClient client, String namespace, String name) {
    GenericKubernetesResource booster =
        find(Kinds.genericBoosters(client).inNamespace(namespace).withName(name), name);
    if (booster == null) {
      throw notFound(name);
    }
    return booster;
  }

  /** The booster in our typed model, or null when there is none. */
  static ModelBooster typed(KubernetesClient client, String namespace, String name) {
    return find(Kinds.boosters(client).inNamespace(namespace).withName(name), name);
  }

  /** The booster in our typed model, or kubectl's NotFound error. */
  static ModelBooster requireTyped(KubernetesClient client, String namespace, String name) {
    ModelBooster booster = typed(client, namespace, name);
    if (booster == null) {
      throw notFound(name);
    }
    return booster;
  }

  static KubernetesClientException notFound(String name) {
    return new KubernetesClientException(
        new StatusBuilder()
            .withCode(404)
            .withReason("NotFound")
            .withMessage(RESOURCE + " \"" + name + "\" not found")
            .build());
  }

  /**
   * The object, or null when the API server answers that it does not exist: a 404 whose Status
   * names it. Any other 404 ("404 page not found", or "the server could not find the requested
   * resource" when the group is served but not this kind) means the server does not serve
   * ModelBoosters.
   */
  private static <T> T find(Resource<T> resource, String name) {
    try {
      return resource.require();
    } catch (ResourceNotFoundException e) {
      // require() wraps every failure; only a 404 is about existence.
      if (!(e.getCause() instanceof KubernetesClientException cause) || cause.getCode() != 404) {
        throw e.getCause() instanceof RuntimeException failure ? failure : e;
      }
      Status status = cause.getStatus();
      if (status != null
          && status.getDetails() != null
          && name.equals(status.getDetails().getName())) {
        return null;
      }
      throw new CliException(ApiErrors.MISSING_BOOSTER_CRD);
    }
  }
}
