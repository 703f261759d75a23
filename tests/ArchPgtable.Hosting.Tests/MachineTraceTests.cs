using System.Text.Json;
using ArchPgtable.Mm;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Hosting.Tests;

public sealed class MachineTraceTests
{
    private const ulong Start = 0x4000_0000;
    private const ulong Length = 128 * 1024;

    [Fact]
    public void A_machine_built_with_a_recorder_traces_the_helpers_core_mm_calls_and_their_flush()
    {
        var recorder = new TraceRecorder();
        using var machine = ArchPgtableMachine.CreateBuilder()
            .WithArch("arm64")
            .WithMm(g => new MmOptions { Thp = ThpPolicy.ForFolioSize(64 * 1024, g.PageSize) })
            .WithTrace(recorder)
            .Build();
        machine.Map(Start, Length);
        machine.WriteRange(Start, Length);
        var mark = recorder.Events.Count;
        machine.MadviseFree(Start, Length);

        Assert.Same(recorder, machine.Trace);
        var madvise = recorder.Events.Skip(mark).ToList();
        Assert.Equal(2, madvise.Count(e => e.Name == "clear_young_dirty_ptes" && e.Phase == TracePhase.Begin));
        Assert.Single(madvise, e => e.Name == "flush_tlb_range");
        Assert.Contains(recorder.Events.Take(mark), e => e.Name == "handle_mm_fault");

        using var json = new MemoryStream();
        ChromeTraceWriter.Write(recorder, json);
        var events = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("traceEvents");
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("name").GetString() == "clear_young_dirty_ptes");
    }

    [Fact]
    public void Without_a_recorder_nothing_is_traced_and_the_arch_helpers_are_called_directly()
    {
        using var machine = ArchPgtableMachine.Create("arm64");

        Assert.Null(machine.Trace);
        Assert.Same(machine.Arch.Ops, machine.Ops);
    }
}
