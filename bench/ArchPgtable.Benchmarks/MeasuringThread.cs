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
    /// <summary>The CPU the last <see cref="Pin"/> bound the calling thread to, or -1 when it did not pin.</summary>
    public static int PinnedCpu { get; private set; } = -1;

    /// <summary>Binds the calling thread to the last CPU (Linux, more than one CPU); otherwise leaves it alone.</summary>
    public static void Pin()
    {
        var cpus = Environment.ProcessorCount;
        if (!OperatingSystem.IsLinux() || cpus < 2 || cpus > 64)
        {
            return;
        }

        var cpu = cpus - 1;
        var mask = 1UL << cpu;
        if (SchedSetAffinity(0, sizeof(ulong), ref mask) == 0)
        {
            PinnedCpu = cpu;
        }
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint cpuSetSize, ref ulong mask);
}
