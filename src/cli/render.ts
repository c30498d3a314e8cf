import type { ApiConfig, RunConfig } from "../config/resolve-config.js";
import { CodegenError } from "../errors.js";
import { foldersOf, renderApi, type FolderFiles, type RenderedApi } from "../pipeline.js";

/** Every API of a run rendered in memory (the first failure stops the run before anything is written), and the folders they fill. */
export async function renderRun(run: RunConfig): Promise<{ rendered: RenderedApi[]; folders: FolderFiles[] }> {
  const rendered: RenderedApi[] = [];
  for (const api of run.apis) rendered.push(await withOrigin(api, () => renderApi(api, run.runtimeDir)));
  return { rendered, folders: foldersOf(rendered, run.runtimeDir) };
}

/** Runs `work` for one API; its errors name the config entry the API came from. */
export async function withOrigin<T>(api: ApiConfig, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CodegenError) || api.origin === undefined || error.origin !== undefined) throw error;
    throw new CodegenError(error.message, {
      location: error.location,
      hint: error.hint,
      exitCode: error.exitCode,
      cause: error.cause,
      origin: `${api.origin.file ?? ""}${api.origin.pointer ?? ""}`,
    });
  }
}
