// An application embedding ArchPgtable from its NuGet packages: build an arm64 machine with
// contpte and 64 KiB folios, write memory through the MMU, MADV_FREE it with the pre-series and
// the v6.10 algorithms, call a page-table helper directly (and flush, as its caller must), reclaim,
// and check the data-integrity oracle. Exits 1 if any result is not what the model promises.
using ArchPgtable;
using ArchPgtable.Hosting;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Mm;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;

const ulong Start = 0x4000_0000;
const ulong Length = 2 << 20;
var failures = 0;

void Check(bool ok, string what)
{
    Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}");
    failures += ok ? 0 : 1;
}

ArchPgtableMachine Arm64Machine() => ArchPgtableMachine.CreateBuilder()
    .WithArch("arm64")
    .Set("CONFIG_ARM64_CONTPTE=y")
    .WithMm(g => new MmOptions { Thp = ThpPolicy.ForFolioSize(64 * 1024, g.PageSize) })
    .Build();

CostSnapshot Lazyfree(MadviseFreeAlgorithm algorithm)
{
    using var machine = Arm64Machine();
    machine.Map(Start, Length);
    machine.WriteRange(Start, Length);
    var before = machine.Counters;
    machine.MadviseFree(Start, Length, algorithm);
    return machine.Counters - before;
}

using (var machine = Arm64Machine())
{
    Console.WriteLine($"plugins found: {string.Join(", ", machine.Plugins.Arches)}");
    Console.WriteLine($"arch {machine.Arch.Arch} ({machine.Selection.Source}), page {machine.Geometry.PageSize} B, "
        + $"contpte block {machine.Geometry.ContPtes} PTEs");
    Check(machine.Plugins.Arches.Contains("x86_64"), "the x86_64 plugin package was found too");
}

var oldCost = Lazyfree(MadviseFreeAlgorithm.Old);
var newCost = Lazyfree(MadviseFreeAlgorithm.New);
Console.WriteLine("MADV_FREE 2 MiB of 64K folios:   old → new");
Console.WriteLine($"  PTE writes                      {oldCost.PteWrites} → {newCost.PteWrites}");
Console.WriteLine($"  TLB flushes                     {oldCost.TlbFlushes} → {newCost.TlbFlushes}");
Console.WriteLine($"  contpte unfolds                 {oldCost.Unfolds} → {newCost.Unfolds}");
Console.WriteLine($"  folio splits                    {oldCost.FolioSplits} → {newCost.FolioSplits}");
Check(newCost.Unfolds == 0 && newCost.FolioSplits == 0 && newCost.TlbFlushes == 1, "new: no unfold, no split, one flush");
Check(oldCost.FolioSplits == 32, "old: every 64K folio split");

using (var machine = Arm64Machine())
{
    machine.Map(Start, Length);
    machine.WriteRange(Start, Length);

    // A helper changes PTEs but does not flush: the caller does (here FlushTlbRange, in the mm
    // operations their mmu_gather). Until then a write hits the stale TLB entry.
    var ptep = machine.PtePointer(Start);
    machine.Ops.ClearYoungDirtyPtes(machine.Mm, Start, ptep, 16, CydpFlags.Young | CydpFlags.Dirty);
    machine.Write(Start);
    Check(!machine.Format.Dirty(machine.PtepGet(Start)), "before the flush a write goes through the stale TLB entry");
    machine.FlushTlbRange(Start, 16 * machine.Geometry.PageSize);
    machine.Write(Start);
    Check(machine.Format.Dirty(machine.PtepGet(Start)), "after the flush the write marks the block dirty");

    machine.MadviseFree(Start, Length);
    machine.Write(Start);
    var outcomes = machine.Reclaim(Start, Length);
    var discarded = outcomes.Count(o => o.Outcome == ReclaimOutcome.Discarded);
    var written = outcomes[0].Outcome;
    Console.WriteLine($"reclaim after MADV_FREE and one write: {discarded} of {outcomes.Count} folios discarded, the written one {written}");
    Check(discarded == 31 && written != ReclaimOutcome.Discarded, "the written folio is kept, the others are discarded");
    Check(machine.Read(Start) != 0 && machine.Read(Start + (1 << 20)) == 0, "reads see the kept write and zeroes elsewhere");
    Check(machine.DataLosses.Count == 0, "no data loss");
}

try
{
    ArchPgtableMachine.Create("mips");
    Check(false, "an unknown arch is refused");
}
catch (ArchPgtableConfigurationException e)
{
    Console.WriteLine($"error for an unknown arch: {e.Message}");
    Check(e.Message.Contains("ArchPgtableOptions.Arch", StringComparison.Ordinal), "the error names the option that was set");
}

Console.WriteLine(failures == 0 ? "embedding sample: all checks passed" : $"embedding sample: {failures} check(s) failed");
return failures == 0 ? 0 : 1;
