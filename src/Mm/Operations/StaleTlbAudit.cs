using System.Globalization;

namespace ArchPgtable.Mm.Operations;

/// <summary>
/// After an mmu_gather's flush, no agent may still cache a translation of the flushed range: one that does can keep
/// reading or writing a page core mm is about to free. Such an entry is reported to the data oracle like data loss.
/// Runs only on machines with more than one agent (with one, the flush always reaches it).
/// </summary>
/// <remarks>Kernel: none; what tlb_finish_mmu() guarantees before freeing pages (TLBI …IS + DSB on every CPU, the
/// mmu-notifier invalidation for SVA devices).</remarks>
internal static class StaleTlbAudit
{
    public static void AfterFlush(MmStruct mm, ulong start, ulong end)
    {
        var oracle = mm.System.Oracle;
        if (oracle is null)
        {
            return;
        }

        var shift = mm.System.Arch.Geometry.PageShift;
        var startVpn = start >> shift;
        var endVpn = (end + mm.System.Arch.Geometry.PageSize - 1) >> shift;
        foreach (var agent in mm.System.Agents)
        {
            foreach (var e in agent.Tlb.EntriesOf(mm.Id))
            {
                if (e.BaseVpn < endVpn && e.BaseVpn + (ulong)e.Pages > startVpn)
                {
                    var va = e.BaseVpn << shift;
                    oracle.OnStaleTlbEntry(mm, va, e.BasePfn, string.Create(CultureInfo.InvariantCulture,
                        $"stale TLB entry: {agent.Name} still caches 0x{va:x} (+{e.Pages} pages, pfn 0x{e.BasePfn:x}, descriptor 0x{e.Descriptor.Value:x}) after the flush of [0x{start:x}, 0x{end:x}) that should have removed it"));
                }
            }
        }
    }
}
