/** One output file, before the header and formatting are applied. `path` is relative, with `/`. */
export interface GeneratedFile {
  path: string;
  content: string;
  /**
   * The content is already in the pinned prettier layout (tests prove it), so the format stage
   * passes it through instead of spending time re-formatting it.
   */
  formatted?: true;
}
