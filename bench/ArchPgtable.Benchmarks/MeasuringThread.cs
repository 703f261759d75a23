using System.Runtime.InteropServices;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// Pins the thread that runs a benchmark (BenchmarkDotNet's in-process runner thread, which runs [GlobalSetup] and every
/// iteration) to the machine's last CPU, and only that thread: the runtime's tiering and GC threads stay free to run on
/// the other CPUs. Pinning the whole process (taskset) starves the background JIT on a 2-CPU machine, so a method can
/// stay on unoptimised code for hundreds of iterations; not pinning at all lets the scheduler move the measuring thread
/// between CPUs mid-run, and a 2 MiB table then comes back from L3 instead of the private L2. Linux only
/// (<c>sched_setaffinity(0, …)</c> acts on the calling thread); elsewhere it does nothing.
/// </summary>
internal static partial class MeasuringThread
{
    /// <summary>Binds the calling thread to the last CPU (Linux, more than one CPU); otherwise leaves it alone.</summary>
    public static void Pin()
    {
        var cpus = Environment.ProcessorCount;
        if (!OperatingSystem.IsLinux() || cpus < 2 || cpus > 64)
        {
            return;
        }

        // A failure (a cpuset without the last CPU) leaves the thread unpinned, as on other systems.
        var mask = 1UL << (cpus - 1);
        _ = SchedSetAffinity(0, sizeof(ulong), ref mask);
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint cpuSetSize, ref ulong mask);
}
