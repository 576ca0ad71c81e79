package booster.cli;

/**
 * Where {@code create --help} lists each option: what to create, where, then how ({@code
 * sortOptions = false}). {@code -h}, {@code -f} and {@code -R} carry no order and come first; the
 * other subcommands list their options alphabetically, which ignores these values.
 */
final class HelpOrder {
  /** {@code -n}, {@code -o} and the image flags. */
  static final int INPUT = 1;

  /** kubectl's connection flags. */
  static final int CONNECTION = 2;

  /** {@code --apply} and {@code --wait}. */
  static final int CREATE = 3;

  /** {@code --kthena-version}. */
  static final int KTHENA_VERSION = 4;

  /** {@code --dry-run}. */
  static final int DRY_RUN = 5;

  private HelpOrder() {}
}
