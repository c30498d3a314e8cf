/** How a media type's bodies are read: JSON (`…/json`, `…+json`), text (`text/*`, XML, forms), or bytes. */
export function mediaKind(mediaType: string): "json" | "text" | "binary" {
  const essence = (mediaType.split(";")[0] ?? "").trim().toLowerCase();
  if (/[/+]json$/.test(essence)) return "json";
  if (essence === "" || /^text\/|[/+]xml$|^application\/x-www-form-urlencoded$/.test(essence))
    return "text";
  return "binary";
}
