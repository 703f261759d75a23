using System.Text;
using System.Text.Json;
using ArchPgtable.Mm.Operations;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Mm.Tests.Tracing;

/// <summary>A known traced run: arm64 (4K, contpte), two 64K folios written, then MADV_FREE (new algorithm).</summary>
internal static class TraceScenario
{
    public const ulong Bytes = 32 * 4096;

    public static TraceRecorder Run(int limit = TraceRecorder.DefaultLimit, bool traceFaults = false)
    {
        var (sys, mm) = Machines.Create(Machines.Build("arm64-4k"), Bytes, folioOrder: 4, policy: ContPolicy.First);
        var recorder = new TraceRecorder(limit);
        if (traceFaults)
        {
            recorder.Attach(sys, "faults then MADV_FREE");
        }

        Machines.WriteAll(sys, mm, Machines.Base, Bytes);
        if (!traceFaults)
        {
            recorder.Attach(sys, "MADV_FREE");
        }

        Madvise.Free(mm, Machines.Base, Bytes, MadviseFreeAlgorithm.New);
        return recorder;
    }

    public static JsonElement Json(TraceRecorder recorder)
    {
        using var stream = new MemoryStream();
        ChromeTraceWriter.Write(recorder, stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        return doc.RootElement.Clone();
    }

    public static string Text(TraceRecorder recorder)
    {
        var sb = new StringBuilder();
        using var w = new StringWriter(sb);
        FtraceTextWriter.Write(recorder, w);
        return sb.ToString();
    }
}
