// Runs the built CLI in this process and reports its peak memory on the last line of stderr
// (`maxrss <KiB>`), so the spec fuzzer can bound the generator's memory without other tools.
import { run } from "../../dist/cli/main.js";

const code = await run(process.argv.slice(2));
process.stdout.write("", () =>
  process.stderr.write(`\nmaxrss ${process.resourceUsage().maxRSS}\n`, () => process.exit(code)),
);
