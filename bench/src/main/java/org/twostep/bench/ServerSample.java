package org.twostep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says of the server process and the machine at one moment: the process's CPU time
 * ({@code utime + stime} of {@code /proc/<pid>/stat}, all its threads: request threads, the JIT and
 * the garbage collector alike), its resident memory, and the machine's busy and total time
 * ({@code /proc/stat}).
 */
record ServerSample(long cpuTicks, long rssKib, long machineBusyTicks, long machineTotalTicks, long nanos) {

    /** USER_HZ: 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    static final double MILLIS_PER_TICK = 10.0;

    static ServerSample of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces and parentheses: the fields start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long cpu = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14), stime (15)
            long rss = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(0);
            String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < machine.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(machine[i]);
            }
            long idle = Long.parseLong(machine[4]) + Long.parseLong(machine[5]);
            return new ServerSample(cpu, rss, total - idle, total, System.nanoTime());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc for process " + pid + ": is the server running?", e);
        }
    }

    double cpuMillisSince(ServerSample start) {
        return (cpuTicks - start.cpuTicks) * MILLIS_PER_TICK;
    }

    double machineBusyPercentSince(ServerSample start) {
        long total = machineTotalTicks - start.machineTotalTicks;
        return total == 0 ? 0 : 100.0 * (machineBusyTicks - start.machineBusyTicks) / total;
    }
}
