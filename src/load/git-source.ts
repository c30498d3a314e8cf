import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import { CodegenError } from "../errors.js";
import { urlToPath } from "./load.js";
import { MAX_SPEC_BYTES, parseSpecText } from "./read.js";

/** Most files one revision's spec may reach through `$ref`s. */
const MAX_FILES = 1_000;

/** `git:<rev>:<path>`: a spec as it was at a revision. */
export interface GitSpec {
  rev: string;
  /** As written, relative to the working directory. */
  path: string;
}

export function parseGitSpec(spec: string): GitSpec | undefined {
  const match = /^git:([^:]+):(.+)$/.exec(spec);
  return match === null ? undefined : { rev: match[1] as string, path: match[2] as string };
}

/** A revision's spec and the files its `$ref`s reach, written to a temporary folder, and how to label them. */
export interface CheckedOut {
  /** The root file in the temporary folder. */
  root: string;
  /** The temporary folder, to remove when done. */
  dir: string;
  /** `git:<rev>:<path from the repository root>` of a file in the folder. */
  label(file: string): string;
}

function git(args: string[], cwd: string, spec: string): Buffer {
  try {
    return execFileSync("git", args, { cwd, maxBuffer: MAX_SPEC_BYTES + 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim().split("\n")[0] ?? "";
    throw new CodegenError(`cannot read ${spec} from git: ${stderr || (error as Error).message}`, {
      location: { file: spec },
      hint: "check the revision (git log) and the path at that revision (git ls-tree -r <rev>), and run codegen inside the repository",
      cause: error,
    });
  }
}

/**
 * Reads the spec at `rev` and every local file its `$ref`s reach at that revision (`git show`, no
 * checkout, the working tree untouched) into a temporary folder laid out as the repository is.
 * `$ref`s may not leave the repository.
 */
export function checkOutSpec(spec: GitSpec, cwd: string): CheckedOut {
  const label = `git:${spec.rev}:${spec.path}`;
  const top = git(["rev-parse", "--show-toplevel"], cwd, label).toString("utf8").trim();
  const commit = git(["rev-parse", "--verify", "--quiet", `${spec.rev}^{commit}`], cwd, label).toString("utf8").trim();
  const rootPath = relative(top, resolve(cwd, spec.path)).split(sep).join("/");
  if (rootPath.startsWith("..")) {
    throw new CodegenError(`${label} is outside the repository`, { location: { file: label }, hint: "name a file inside the repository the command runs in" });
  }
  const dir = mkdtempSync(join(tmpdir(), "codegen-git-"));
  try {
    const pending = [rootPath];
    const read = new Set<string>();
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (read.has(file)) continue;
      read.add(file);
      if (read.size > MAX_FILES) throw new CodegenError(`${label} reaches more than ${MAX_FILES} files through $refs`, { location: { file: label }, hint: "join the contract into fewer files" });
      const bytes = git(["show", `${commit}:${file}`], top, `git:${spec.rev}:${file}`);
      const target = join(dir, ...file.split("/"));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      for (const ref of externalRefs(parseSpecText(bytes, target))) {
        const next = posix.normalize(posix.join(posix.dirname(file), ref));
        if (next.startsWith("..")) {
          throw new CodegenError(`$ref ${JSON.stringify(ref)} leaves the repository`, { location: { file: `git:${spec.rev}:${file}` }, hint: "keep every file of the contract inside the repository" });
        }
        pending.push(next);
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    root: join(dir, ...rootPath.split("/")),
    dir,
    label: (file) => `git:${spec.rev}:${relative(dir, file).split(sep).join("/")}`,
  };
}

/** The local files a document's `$ref`s name (fragments dropped, URLs left to the loader). */
function externalRefs(document: unknown): string[] {
  const refs = new Set<string>();
  const stack: unknown[] = [document];
  const seen = new Set<object>();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && !ref.startsWith("#") && !/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
      const file = ref.split("#")[0] ?? "";
      if (file !== "") refs.add(urlToPath(file));
    }
    for (const value of Object.values(node)) if (typeof value === "object" && value !== null) stack.push(value);
  }
  return [...refs];
}

