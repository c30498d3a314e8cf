/** One output file, before the header and formatting are applied. `path` is relative, with `/`. */
export interface GeneratedFile {
  path: string;
  content: string;
}
