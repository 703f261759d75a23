using ArchPgtable.RiscV;

namespace ArchPgtable.Contracts.Tests.Fixed;

/// <summary>
/// Upstream riscv with the fix the contract suggests for its known finding —
/// ptep_set_access_flags ORs entry's A, D and W into the PTE with compare-and-exchange (as arm64
/// does) instead of storing entry, so a D the hart sets meanwhile survives.
/// </summary>
public sealed class RiscVCmpxchgSetAccessFlagsOps() : RiscVPageTableOps(RiscVPagingMode.Sv48)
{
    [KernelHelper("ptep_set_access_flags")]
    protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
    {
        const ulong Bits = RiscVPteBits._PAGE_ACCESSED | RiscVPteBits._PAGE_DIRTY | RiscVPteBits._PAGE_WRITE;
        var old = ptep.Read();
        for (; ; )
        {
            var next = new Pte(old.Value | (entry.Value & Bits));
            if (next == old)
            {
                return true;
            }

            var found = ptep.CompareExchange(next, old);
            if (found == old)
            {
                return true;
            }

            old = found;
        }
    }
}
