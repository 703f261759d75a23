using System.Text.Json;
using ArchPgtable.Mm.Hardware;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Mm.Tests.Tracing;

public class ChromeTraceTests
{
    [Fact]
    public void The_trace_is_trace_event_json_with_helper_spans_nesting_their_raw_accesses()
    {
        var events = TraceScenario.Json(TraceScenario.Run()).GetProperty("traceEvents").EnumerateArray().ToList();
        Assert.All(events, e =>
        {
            Assert.Contains(e.GetProperty("ph").GetString(), new[] { "B", "E", "i", "M" });
            Assert.Equal(JsonValueKind.Number, e.GetProperty("pid").ValueKind);
            Assert.Equal(JsonValueKind.Number, e.GetProperty("tid").ValueKind);
            Assert.False(string.IsNullOrEmpty(e.GetProperty("name").GetString()));
        });
        Assert.Contains(events, e => e.GetProperty("ph").GetString() == "M" && e.GetProperty("name").GetString() == "thread_name"
            && e.GetProperty("args").GetProperty("name").GetString() == "cpu0");

        // Spans nest: every E closes the innermost open B of the same name; raw accesses happen inside helpers.
        var stack = new Stack<string>();
        var cydp = 0;
        var writesInCydp = 0;
        long lastTs = -1;
        foreach (var e in events.Where(e => e.GetProperty("ph").GetString() != "M"))
        {
            var ts = e.GetProperty("ts").GetInt64();
            Assert.True(ts > lastTs, "timestamps increase");
            lastTs = ts;
            var name = e.GetProperty("name").GetString()!;
            switch (e.GetProperty("ph").GetString())
            {
                case "B":
                    stack.Push(name);
                    if (name == "clear_young_dirty_ptes")
                    {
                        cydp++;
                        var args = e.GetProperty("args");
                        Assert.Equal(16, args.GetProperty("nr").GetInt32());
                        Assert.Equal("CYDP_CLEAR_YOUNG|CYDP_CLEAR_DIRTY", args.GetProperty("flags").GetString());
                        Assert.Contains(args.GetProperty("addr").GetString(), new[] { "0x40000000", "0x40010000" });
                    }

                    break;
                case "E":
                    Assert.Equal(stack.Pop(), name);
                    break;
                default:
                    if (e.GetProperty("cat").GetString() == "pte")
                    {
                        Assert.NotEmpty(stack);
                        if (name == "pte_write" && stack.Peek() == "clear_young_dirty_ptes")
                        {
                            writesInCydp++;
                        }
                    }

                    break;
            }
        }

        Assert.Empty(stack);
        Assert.Equal(2, cydp);
        Assert.Equal(32, writesInCydp);
        Assert.DoesNotContain(events, e => e.GetProperty("name").GetString() is "contpte_unfold" or "contpte_fold" or "split_folio");
    }

    [Fact]
    public void The_mmu_gather_flush_is_one_range_event_over_the_whole_call()
    {
        var flushes = TraceScenario.Json(TraceScenario.Run()).GetProperty("traceEvents").EnumerateArray()
            .Where(e => e.TryGetProperty("cat", out var cat) && cat.GetString() == "tlb").ToList();
        var flush = Assert.Single(flushes);
        Assert.Equal("flush_tlb_range", flush.GetProperty("name").GetString());
        Assert.Equal("0x40000000", flush.GetProperty("args").GetProperty("start").GetString());
        Assert.Equal("0x40020000", flush.GetProperty("args").GetProperty("end").GetString());
    }

    [Fact]
    public void Faults_are_spans_with_the_helpers_they_call_inside()
    {
        var events = TraceScenario.Run(traceFaults: true).Events;
        var first = events.ToList().FindIndex(e => e.Name == "handle_mm_fault" && e.Phase == TracePhase.Begin);
        Assert.True(first >= 0);
        Assert.Contains(events[first].Args, a => a.Name == "address" && (string)a.Value == "0x40000000");
        var end = events.ToList().FindIndex(first, e => e.Name == "handle_mm_fault" && e.Phase == TracePhase.End);
        Assert.Contains(events.Skip(first).Take(end - first), e => e.Name == "set_ptes" && e.Phase == TracePhase.Begin
            && e.Args.Any(a => a.Name == "nr" && (long)a.Value == 16));
    }

    [Fact]
    public void Two_runs_write_the_same_file()
    {
        Assert.Equal(TraceScenario.Json(TraceScenario.Run()).GetRawText(), TraceScenario.Json(TraceScenario.Run()).GetRawText());
    }

    [Fact]
    public void Past_the_limit_recording_stops_the_spans_stay_closed_and_the_file_says_truncated()
    {
        const int Limit = 40;   // the scenario offers 92 events (fewer since contpte_ptep_get() exits early)
        var recorder = TraceScenario.Run(limit: Limit);
        Assert.True(recorder.Truncated);
        Assert.InRange(recorder.Events.Count, Limit, Limit + 4);
        Assert.True(recorder.Offered > 2 * Limit, $"offered {recorder.Offered}");
        var json = TraceScenario.Json(recorder);
        Assert.True(json.GetProperty("otherData").GetProperty("truncated").GetBoolean());
        var events = json.GetProperty("traceEvents").EnumerateArray().Where(e => e.GetProperty("ph").GetString() != "M").ToList();
        Assert.Equal("trace_truncated", events[^1].GetProperty("name").GetString());
        Assert.Equal(events.Count(e => e.GetProperty("ph").GetString() == "B"), events.Count(e => e.GetProperty("ph").GetString() == "E"));
    }

    [Fact]
    public void An_untraced_machine_has_nothing_installed()
    {
        var (sys, mm) = Machines.Create(Machines.Build("arm64-4k"), TraceScenario.Bytes, folioOrder: 4);
        Assert.Null(sys.Tracer);
        Assert.IsType<MmTlbFlusher>(mm.Tlb);
        Assert.Same(sys.Counters, mm.Counters);
        Assert.Same(sys.Arch.Ops, sys.Ops);
        Machines.WriteAll(sys, mm, Machines.Base, TraceScenario.Bytes);
        Assert.Null(mm.PageTable.Find(Machines.Base)!.Observer);
    }

    [Fact]
    public void A_partial_wrprotect_records_each_unfold_once_inside_the_helper()
    {
        var recorder = new TraceRecorder();
        var run = ArchPgtable.Mm.Rendering.PteScenarios.Run(Machines.Build("arm64-4k"), "wrprotect", 65536, 131072, recorder);
        var events = recorder.Events.ToList();
        var unfolds = events.Where(e => e.Name == "contpte_unfold").ToList();
        Assert.Equal(run.System.Counters.Unfolds, unfolds.Count);
        var unfold = Assert.Single(unfolds);
        Assert.Contains(unfold.Args, a => a.Name == "addr" && (string)a.Value == "0x40010000");
        var begin = events.FindIndex(e => e.Name == "wrprotect_ptes" && e.Phase == TracePhase.Begin);
        var end = events.FindIndex(begin, e => e.Name == "wrprotect_ptes" && e.Phase == TracePhase.End);
        var at = events.IndexOf(unfold);
        Assert.InRange(at, begin, end);
        Assert.Contains(events.Skip(begin).Take(end - begin), e => e.Name == "flush_tlb_range");
    }

    [Fact]
    public void A_hardware_access_flag_and_dirty_update_is_a_raw_event_of_the_agent()
    {
        var recorder = new TraceRecorder();
        ArchPgtable.Mm.Rendering.PteScenarios.Run(Machines.Build("arm64-4k"), "lazyfree-touched", 65536, 131072, recorder);
        var updates = recorder.Events.Where(e => e.Name == "pte_hw_update").ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => Assert.Equal(0, u.Tid));
        Assert.Contains(updates, u => u.Args.Any(a => a.Name == "access" && (string)a.Value == "write"));
        Assert.Contains(updates, u => u.Args.Any(a => a.Name == "block" && (long)a.Value == 16));
    }
}
