package booster.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import booster.TestSerialization;
import booster.translate.ChildKind;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dev-cluster child CRDs name exactly the kinds the translator emits, with a permissive schema.
 */
class DevChildCrdsTest {
  @Test
  void oneCrdPerChildKind() throws IOException {
    Object parsed =
        TestSerialization.KUBERNETES.unmarshal(
            Files.readString(Path.of("crds", "dev-child-crds.yaml")));
    List<CustomResourceDefinition> crds =
        ((List<?>) parsed).stream().map(CustomResourceDefinition.class::cast).toList();
    assertEquals(ChildKind.values().length, crds.size());
    for (ChildKind kind : ChildKind.values()) {
      CustomResourceDefinition crd =
          crds.stream()
              .filter(c -> c.getSpec().getNames().getKind().equals(kind.kind()))
              .findFirst()
              .orElseThrow();
      assertEquals(kind.plural() + "." + kind.group(), crd.getMetadata().getName());
      assertEquals(kind.group(), crd.getSpec().getGroup());
      assertEquals(kind.plural(), crd.getSpec().getNames().getPlural());
      CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
      assertEquals(ChildKind.VERSION, version.getName());
      assertTrue(version.getServed() && version.getStorage());
      assertNotNull(version.getSubresources().getStatus());
      for (String part : Arrays.asList("spec", "status")) {
        assertTrue(
            version
                .getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get(part)
                .getXKubernetesPreserveUnknownFields(),
            kind + " " + part + " must keep unknown fields");
      }
    }
    CustomResourceDefinition serving =
        crds.stream()
            .filter(c -> c.getSpec().getNames().getKind().equals(ChildKind.MODEL_SERVING.kind()))
            .findFirst()
            .orElseThrow();
    assertEquals(
        ".spec.replicas",
        serving.getSpec().getVersions().get(0).getSubresources().getScale().getSpecReplicasPath());
  }
}
