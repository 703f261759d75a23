namespace ArchPgtable.Generic.Tests;

/// <summary>Records every software write to a table: index and stored value, in order.</summary>
internal sealed class WriteRecorder : IPteAccessObserver
{
    public List<(int Index, ulong Value)> Writes { get; } = [];

    public static WriteRecorder Attach(PteTable table)
    {
        var recorder = new WriteRecorder();
        table.Observer = recorder;
        return recorder;
    }

    public void BeforeAccess(PteTable table, int index, PteAccessKind kind)
    {
    }

    public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
    {
        if (kind is PteAccessKind.Write or PteAccessKind.Exchange || (kind == PteAccessKind.CompareExchange && before != after))
        {
            Writes.Add((index, after.Value));
        }
    }

    public IEnumerable<int> WrittenIndices => Writes.Select(w => w.Index).Distinct();
}
