import { posix } from "node:path";
import type { ImportExtension } from "../config/resolve-config.js";
import type { DataFile, DataPart, StatementsFile, TextFile } from "./generated-file.js";
import type { Statement } from "typescript";
import { jsLiteral } from "./literal.js";
import { exportDeclaration, importDeclaration } from "./nodes.js";
import { renderTemplate } from "./templates.js";

/**
 * A module a generated file links to: another file of the output, named by its path from the
 * output root (`runtime/server/results.ts`), or anything else by the specifier written as is
 * (`express`, or the user's path to the generated server in a scaffold).
 */
export type ModuleRef = { file: string } | { specifier: string };

/**
 * One `import` or `export … from` statement. A name is written as given: `call`, or `type Client`
 * for a type among values. `typeOnly` makes the whole statement `import type` / `export type`.
 */
interface Link {
  statement: "import" | "export";
  from: ModuleRef;
  names: string[] | "*";
  typeOnly: boolean;
  /** For `import * as <namespace>`. */
  namespace?: string;
}

/**
 * One generated file's imports and re-exports, held as data, and the file built from them. The
 * output files a file links to (`imports`) decide which runtime modules an output includes;
 * statements are written in the order they were added, one line each (the format stage lays them
 * out).
 */
export class SourceFile {
  private readonly links: Link[] = [];

  constructor(
    readonly path: string,
    private readonly layout: ImportLayout,
  ) {}

  /** `import { …names } from`; nothing when `names` is empty. */
  import(from: ModuleRef, names: string[], options: { typeOnly?: boolean } = {}): this {
    return this.add({
      statement: "import",
      from,
      names,
      typeOnly: options.typeOnly ?? false,
    });
  }

  /**
   * `import * as namespace from`: a module's exports read as `namespace.name`, which bundlers
   * still tree-shake export by export.
   */
  importNamespace(from: ModuleRef, namespace: string): this {
    this.links.push({ statement: "import", from, names: "*", typeOnly: false, namespace });
    return this;
  }

  /** `export { …names } from`, or `export * from` for "*". */
  export(from: ModuleRef, names: string[] | "*", options: { typeOnly?: boolean } = {}): this {
    return this.add({
      statement: "export",
      from,
      names,
      typeOnly: options.typeOnly ?? false,
    });
  }

  /** The output files this file imports or re-exports from, by path from the output root. */
  get imports(): string[] {
    return this.links.flatMap((link) => ("file" in link.from ? [link.from.file] : []));
  }

  /** The `import` statements, one per line. */
  importLines(): string {
    return this.render("import");
  }

  /** The `export … from` statements, one per line. */
  exportLines(): string {
    return this.render("export");
  }

  /** The file from a template, whose view model gains `imports` and `exports` (the statements). */
  fromTemplate(template: string, view: object): TextFile {
    const content = renderTemplate(template, {
      ...view,
      imports: this.importLines(),
      exports: this.exportLines(),
    });
    return { path: this.path, content, imports: this.imports };
  }

  /** A data file: the imports, a blank line, then the parts. */
  withData(parts: DataPart[]): DataFile {
    return {
      path: this.path,
      parts: [`${this.importLines()}\n\n`, ...parts],
      imports: this.imports,
    };
  }

  /**
   * A file of statements built as nodes: the imports, a blank line, `body` (built as the format
   * stage reads it, so the imports it adds count) with a blank line between statements, then the
   * re-exports.
   */
  withStatements(body: Iterable<Statement>): StatementsFile {
    const links = () => ({ imports: this.linkNodes("import"), exports: this.linkNodes("export") });
    const imports = () => this.imports;
    return {
      path: this.path,
      statements: body,
      links,
      get imports() {
        return imports();
      },
    };
  }

  private linkNodes(statement: Link["statement"]): Statement[] {
    return this.links
      .filter((link) => link.statement === statement)
      .map((link) => {
        const specifier = this.specifier(link.from);
        if (statement === "export") return exportDeclaration(specifier, link.names, link.typeOnly);
        const names = link.names === "*" ? { namespace: link.namespace ?? "" } : link.names;
        return importDeclaration(specifier, names, link.typeOnly);
      });
  }

  /** A statement for a module already imported the same way gains the new names instead. */
  private add(link: Link): this {
    if (link.names !== "*" && link.names.length === 0) return this;
    const same = this.links.find(
      (other) =>
        other.statement === link.statement &&
        other.typeOnly === link.typeOnly &&
        other.names !== "*" &&
        link.names !== "*" &&
        sameModule(other.from, link.from),
    );
    if (same === undefined || same.names === "*" || link.names === "*") this.links.push(link);
    else for (const name of link.names) if (!same.names.includes(name)) same.names.push(name);
    return this;
  }

  private render(statement: Link["statement"]): string {
    return this.links
      .filter((link) => link.statement === statement)
      .map((link) => {
        const keyword = link.typeOnly ? `${statement} type` : statement;
        const names = link.names === "*" ? (link.namespace === undefined ? "*" : `* as ${link.namespace}`) : `{ ${link.names.join(", ")} }`;
        return `${keyword} ${names} from ${jsLiteral(this.specifier(link.from))};`;
      })
      .join("\n");
  }

  /** `./x.js`-style specifiers between output files, as ESM under NodeNext needs them. */
  private specifier(from: ModuleRef): string {
    if ("specifier" in from) return from.specifier;
    const target = from.file.startsWith("runtime/") ? posix.join(this.layout.runtime, from.file.slice("runtime/".length)) : from.file;
    return relativeSpecifier(this.path, target, this.layout.extension);
  }
}

/**
 * The settings of an output that reach its import statements: where the runtime folder is, and
 * which extension relative specifiers carry.
 */
export interface ImportLayout {
  /** The runtime folder from the output root: `runtime`, or `../shared/runtime` for one shared by several APIs. */
  runtime: string;
  extension: ImportExtension;
}

export const DEFAULT_LAYOUT: ImportLayout = { runtime: "runtime", extension: ".js" };

/** The specifier of `to` from `from` (both `.ts` paths from one root), ending in `extension`. */
function sameModule(a: ModuleRef, b: ModuleRef): boolean {
  return "file" in a ? "file" in b && a.file === b.file : "specifier" in b && a.specifier === b.specifier;
}

function relativeSpecifier(from: string, to: string, extension: ImportExtension): string {
  const path = posix.relative(posix.dirname(from), to).replace(/\.ts$/, extension);
  return path.startsWith(".") ? path : `./${path}`;
}

/** A module of the output, by its path from the output root. */
export const outputFile = (file: string): ModuleRef => ({ file });

/** A runtime module of the output, by its path under `runtime/`. */
export const runtimeFile = (name: string): ModuleRef => ({
  file: `runtime/${name}`,
});

/** A module outside the output (a package, or a path the user chose), written as given. */
export const external = (specifier: string): ModuleRef => ({ specifier });
