package booster.cli;

import java.util.List;

/**
 * What {@code -f} read: the boosters of every readable file, and one line per problem of the files
 * that could not be read as boosters, so those are reported together with the validation problems
 * of the others.
 */
record ManifestInputs(List<Manifest> manifests, List<String> problems) {}
