import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Messages about plugins reach API clients (registerSchedulerPlugin), who must not learn the server's folders. A
 * message names places relative to the plugin root at most: `node_modules/x/dist/index.js`.
 */
export interface PathPlaces {
  /** Known folders, longest first, each with what it reads as ('' for the plugin root itself). */
  readonly folders: readonly { folder: string; shownAs: string }[];
}

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/**
 * The places a message about the package in `packageDir` (`<root>/node_modules/<name>`, possibly a link) may
 * mention: the plugin root and the package folder, each as written and with links resolved (a workspace package
 * really lives elsewhere; it reads as its place under node_modules).
 */
export async function placesOf(packageDir: string): Promise<PathPlaces> {
  const lexical = path.resolve(packageDir);
  const cut = lexical.lastIndexOf(NODE_MODULES);
  const root = cut >= 0 ? lexical.slice(0, cut) : path.dirname(lexical);
  const shownAs = path.relative(root, lexical).split(path.sep).join('/');
  const real = (folder: string) => realpath(folder).catch(() => folder);
  const folders = [
    { folder: root, shownAs: '' },
    { folder: await real(root), shownAs: '' },
    { folder: lexical, shownAs },
    { folder: await real(lexical), shownAs },
  ];
  return { folders: folders.filter((f) => f.folder !== path.parse(f.folder).root).sort((a, b) => b.folder.length - a.folder.length) };
}

/** `file:` URLs: converted to paths first, so that they read like every other path. */
const FILE_URL = /file:\/\/[^\s'"`<>()[\]{},]+/g;
/** An absolute POSIX path: a "/" at the start or after a space, quote or bracket, then at least one name character. */
const ABSOLUTE_PATH = /(^|[\s'"`(<[{=,])(\/[^\s'"`()<>[\]{},/][^\s'"`()<>[\]{},]*)/g;

/**
 * Rewrites the known folders of `places` (and `file:` URLs inside them) relative to the plugin root; everything
 * else is left as it is. For text that comes from the package itself (its declared entry, the values its plugin
 * holds), where an absolute path that is no folder of this server is the package's own data.
 */
export function relativeToRoot(text: string, places: PathPlaces): string {
  const urlsInside = text.replace(FILE_URL, (url) => {
    const file = filePathOf(url);
    return file !== undefined && knownFolderOf(file, places) !== undefined ? file : url;
  });
  return replaceKnownFolders(urlsInside, places);
}

/**
 * relativeToRoot, and any other absolute path or `file:` URL shortened to `…/<last name>`. For text that comes
 * from this server (an operating-system error, a failed import), where every absolute path is the server's.
 * O(text length × known folders).
 */
export function pathFree(text: string, places: PathPlaces): string {
  const urlsAsPaths = text.replace(FILE_URL, (url) => filePathOf(url) ?? url);
  const relative = replaceKnownFolders(urlsAsPaths, places);
  return relative
    .replace(ABSOLUTE_PATH, (_match, before: string, absolute: string) => `${before}…/${path.posix.basename(absolute)}`)
    .replace(FILE_URL, (url) => `…/${path.posix.basename(url)}`);
}

function replaceKnownFolders(text: string, places: PathPlaces): string {
  let result = text;
  for (const { folder, shownAs } of places.folders) {
    // The folder followed by a separator (a path inside it), or standing alone (the folder itself).
    const inside = new RegExp(`${escapeRegExp(folder)}(${escapeRegExp(path.sep)}|(?![^\\s'"\`()<>[\\]{},:]))`, 'g');
    result = result.replace(inside, (_match, separator: string) => {
      if (separator !== '') return shownAs === '' ? '' : `${shownAs}/`;
      return shownAs === '' ? 'the plugin root' : shownAs;
    });
  }
  return result;
}

function knownFolderOf(file: string, places: PathPlaces): string | undefined {
  return places.folders.find(({ folder }) => file === folder || file.startsWith(folder + path.sep))?.folder;
}

function filePathOf(url: string): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
