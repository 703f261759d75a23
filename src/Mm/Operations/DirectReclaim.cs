namespace ArchPgtable.Mm.Operations;

/// <summary>
/// Reclaim run by an allocation that found no free block: lazyfree folios first (clean ones are discarded, written
/// ones become swap-backed again), then anonymous folios are swapped out — once honouring references (a referenced
/// folio is aged and kept), then again, when that freed too little, taking what the first round aged. Stops as soon as
/// enough pages are free.
/// </summary>
/// <remarks>Kernel: __alloc_pages_direct_reclaim() → try_to_free_pages() → shrink_node() (priority rising as rounds fail; lazyfree folios are discarded first by shrink_folio_list()).</remarks>
public static class DirectReclaim
{
    /// <summary>Reclaims until at least <paramref name="pages"/> pages were freed or nothing more can be; returns the pages freed.</summary>
    public static long Run(MmSystem system, long pages)
    {
        ArgumentNullException.ThrowIfNull(system);
        var mem = system.Memory;
        var before = mem.AllocatedPages;
        system.Stats.DirectReclaims++;
        for (var round = 0; round < 3; round++)
        {
            // Fork and munmap may change the list of address spaces and VMAs between faults, not during reclaim.
            foreach (var mm in system.Mms)
            {
                for (var i = 0; i < mm.Vmas.Count; i++)
                {
                    var vma = mm.Vmas[i];
                    Reclaim.Scan(mm, vma.Start, vma.End, lazyfreeOnly: round == 0, round == 0 ? "direct reclaim (lazyfree)" : "direct reclaim");
                    if (before - mem.AllocatedPages >= pages)
                    {
                        return before - mem.AllocatedPages;
                    }
                }
            }
        }

        return before - mem.AllocatedPages;
    }
}
