using ArchPgtable.Hardware;

namespace ArchPgtable.Contracts.PmdHelpers;

/// <summary>
/// Race injection for the PMD helpers: just before the helper's first store to the entry, the hardware walker writes
/// through it (what <see cref="IHardwareModel.Translate"/> does for a write access: set access and dirty with a
/// compare-and-swap), as a CPU with hardware A/D would between the helper's read and its store.
/// </summary>
internal sealed class HardwareDirtyInjector(IHardwareModel hardware) : IPteAccessObserver
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
        var outcome = hardware.Translate(current, MemoryAccess.Write);
        if (outcome.Ok && outcome.Updated != current)
        {
            _busy = true;
            table.HardwareCompareExchange(index, outcome.Updated, current);
            _busy = false;
            Injected = true;
        }
    }

    public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
    {
    }
}
