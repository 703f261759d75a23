using ArchPgtable.Hardware;

namespace ArchPgtable.Contracts.PmdHelpers;

/// <summary>
/// Race injection for the PMD helpers: just before the helper's first store to the entry, the hardware walker writes
/// through it (what <see cref="IHardwareModel.Translate"/> does for a write access: set access and dirty with a
/// compare-and-swap), as a CPU with hardware A/D would between the helper's read and its store. The leaf is evaluated
/// as the MMU evaluates a block (<see cref="PmdOps.HardwareView"/>: an arm64 level-2 block like a page descriptor).
/// </summary>
internal sealed class HardwareDirtyInjector(IHardwareModel hardware, PmdOps? pmd = null) : IPteAccessObserver
{
    private bool _busy;

    /// <summary>True once the update was made.</summary>
    public bool Injected { get; private set; }

    public void BeforeAccess(PteTable table, int index, PteAccessKind kind)
    {
        if (Injected || _busy || kind is PteAccessKind.Read or PteAccessKind.Hardware)
        {
            return;
        }

        var current = table.Peek(index);
        var view = pmd is null ? current : pmd.HardwareView(Pmd.FromPte(current));
        var outcome = hardware.Translate(view, MemoryAccess.Write);
        if (outcome.Ok && outcome.Updated != view)
        {
            _busy = true;
            table.HardwareCompareExchange(index, pmd is null ? outcome.Updated : pmd.FromHardwareView(outcome.Updated).AsPte, current);
            _busy = false;
            Injected = true;
        }
    }

    public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
    {
    }
}
