import fs from "node:fs";

/** Another live process holds the embedded data directory. */
export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";

  constructor(
    message: string,
    /** The data directory, when known. */
    readonly dataDir?: string,
    /** The process that holds it, when known. */
    readonly owner?: number,
  ) {
    super(message);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One process owns an embedded data directory: PGlite is a single-process database, and two
 * processes writing the same files corrupt them. Takes `<dataDir>.lock` (holding the owner's pid),
 * replacing a lock left by a process that no longer runs. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  const mine = JSON.stringify({ pid: process.pid, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, mine, { flag: "wx" });
      return () => {
        try {
          if (fs.readFileSync(lockFile, "utf8") === mine) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let owner: number | undefined;
      try {
        owner = Number(JSON.parse(fs.readFileSync(lockFile, "utf8")).pid);
      } catch {
        owner = undefined;
      }
      if (owner && owner !== process.pid && alive(owner)) {
        throw new DataDirInUseError(
          `The data directory ${dataDir} is in use by process ${owner} (a running newsgraph?). ` +
            `Stop it first, or set NEWSGRAPH_DATA_DIR to another directory.`,
          dataDir,
          owner,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dataDir}`, dataDir);
}
