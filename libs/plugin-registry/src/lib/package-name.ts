/**
 * A plain npm package name, optionally scoped: what `registerSchedulerPlugin(package: String!)` accepts. No paths
 * (`./x`, `/x`, `..`), no URLs or specifiers (`file:`, `git+https:`, `http:`), no versions (`x@1`), no upper case.
 */
export const PLAIN_PACKAGE_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/** npm refuses longer names. */
export const MAX_PACKAGE_NAME_LENGTH = 214;

export function isPlainPackageName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= MAX_PACKAGE_NAME_LENGTH && PLAIN_PACKAGE_NAME.test(name);
}
