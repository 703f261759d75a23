namespace ArchPgtable.X86.Tests.Support;

/// <summary>Before the first access of <paramref name="when"/> to entry <paramref name="target"/>, the CPU writes to the page (sets A and D).</summary>
internal sealed class HardwareWriteBefore(X86World world, int target, PteAccessKind when) : IPteAccessObserver
{
    public bool Fired { get; private set; }

    public void BeforeAccess(PteTable table, int index, PteAccessKind kind)
    {
        if (!Fired && index == target && kind == when)
        {
            Fired = true;
            world.Touch(index, write: true);
        }
    }

    public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
    {
    }
}
