namespace ArchPgtable.Abstractions.Tests;

/// <summary>Records every Before/After call, in order.</summary>
internal sealed class RecordingObserver : IPteAccessObserver
{
    public List<string> Calls { get; } = [];

    public List<(int Index, PteAccessKind Kind, Pte Before, Pte After)> Accesses { get; } = [];

    public Action<PteTable, int, PteAccessKind>? OnBefore { get; set; }

    public void BeforeAccess(PteTable table, int index, PteAccessKind kind)
    {
        Calls.Add($"before {kind} [{index}]");
        OnBefore?.Invoke(table, index, kind);
    }

    public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
    {
        Calls.Add($"after {kind} [{index}]");
        Accesses.Add((index, kind, before, after));
    }
}
