import fs from "node:fs";

/**
 * What `run` costs this process: its CPU time (user + system, all threads, in ms) and its wall-clock
 * time. CPU time hardly grows when other processes share the machine's cores, where wall-clock time
 * grows with the load, so a bound on it tells "little work" from "a lot of work" on a loaded CI
 * machine too. It counts whatever else the process does meanwhile (GC included).
 */
export async function measured<T>(run: () => Promise<T>): Promise<{ result: T; cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, cpuMs: (used.user + used.system) / 1000, wallMs };
}

/** Linux's clock ticks per second for /proc/<pid>/stat (USER_HZ), 100 on every Linux build Node supports. */
const USER_HZ = 100;

/**
 * The CPU time (user + system, all threads, in ms) another process has used so far, from
 * /proc/<pid>/stat; 10 ms steps.
 */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}
