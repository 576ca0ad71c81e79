package booster.translate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pieces shared by the ModelServing templates: roles, labelled pod templates and the health check.
 */
final class ServingRoles {
  /** The engine's OpenAI-compatible HTTP port. */
  static final int ENGINE_PORT = 8000;

  /** The engine as its own pod's sidecar and pre-stop hook reach it. */
  static final String ENGINE_URL = "http://localhost:" + ENGINE_PORT;

  private ServingRoles() {}

  /** A role of the ModelServing template, fields in the order upstream writes them. */
  static Map<String, Object> role(
      String name, int replicas, Object entryTemplate, int workerReplicas, Object workerTemplate) {
    Map<String, Object> role = new LinkedHashMap<>();
    role.put("name", name);
    role.put("replicas", replicas);
    role.put("entryTemplate", entryTemplate);
    role.put("workerReplicas", workerReplicas);
    role.put("workerTemplate", workerTemplate);
    return role;
  }

  /**
   * Pods carry the child's labels (with its revision), so selectors by model UID find them. The
   * constructor takes the spec as it is: a builder would deep-copy the whole pod spec once more.
   */
  static PodTemplateSpec podTemplate(Map<String, String> labels, PodSpec spec) {
    return new PodTemplateSpec(new ObjectMetaBuilder().withLabels(labels).build(), spec);
  }

  /**
   * A pod spec around containers and volumes built beforehand. Set rather than passed to a builder,
   * which would deep-copy every container twice (into element builders and back), the largest cost
   * of a render.
   */
  static PodSpec podSpec(
      Placement placement,
      List<Container> initContainers,
      List<Container> containers,
      List<Volume> volumes) {
    PodSpec spec = new PodSpec();
    placement.applyTo(spec);
    spec.setInitContainers(initContainers);
    spec.setContainers(containers);
    spec.setVolumes(volumes);
    return spec;
  }

  /**
   * The worker template of a role without worker pods: written as upstream does, with an explicit
   * empty container list, because the ModelServing schema requires {@code containers} in every pod
   * spec it is given.
   */
  static Map<String, Object> noWorkers() {
    return Map.of("spec", Map.of("containers", List.of()));
  }

  static HTTPGetAction health(int port) {
    return new HTTPGetActionBuilder().withPath("/health").withPort(new IntOrString(port)).build();
  }
}
