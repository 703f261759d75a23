namespace ArchPgtable.Testing;

/// <summary>
/// A standalone address space for helper tests: cost counters shared by its tables, a TLB that
/// only counts (or any <see cref="ITlbFlusher"/>, e.g. an NSubstitute double), and a folio map.
/// </summary>
public sealed class TestMm : IMmContext
{
    private readonly List<FolioExtent> _folios = [];

    public TestMm(ITlbFlusher? tlb = null, ICostCounters? events = null)
    {
        Tlb = tlb ?? Cost;
        Counters = events ?? Cost;
    }

    /// <summary>Every counter: PTE accesses of tables made by <see cref="NewTable"/>, and by default flushes and folds.</summary>
    public CostCounters Cost { get; } = new();

    public bool IsUserMm { get; set; } = true;

    public ITlbFlusher Tlb { get; }

    public ICostCounters Counters { get; }

    /// <summary>Registers a folio of <paramref name="nrPages"/> pages at <paramref name="startPfn"/>.</summary>
    public FolioExtent AddFolio(ulong startPfn, int nrPages)
    {
        var folio = new FolioExtent(startPfn, nrPages);
        _folios.Add(folio);
        return folio;
    }

    public bool TryGetFolio(ulong pfn, out FolioExtent folio)
    {
        foreach (var f in _folios)
        {
            if (f.Contains(pfn))
            {
                folio = f;
                return true;
            }
        }

        folio = default;
        return false;
    }

    /// <summary>A PTE table of the geometry's size whose accesses count in <see cref="Cost"/>.</summary>
    public PteTable NewTable(ArchGeometry geometry, ulong baseAddress = 0) =>
        new(geometry.PtrsPerPte, Cost, baseAddress);
}
