using ArchPgtable.Mm.Hardware;

namespace ArchPgtable.Contracts.World;

/// <summary>
/// The address space the contract suite runs helpers in: a user mm with one ASID in the Mm TLB
/// model, the world's counters, and the generated folios (a handful, looked up linearly).
/// </summary>
/// <remarks>Kernel: the mm_struct / vm_area_struct the helpers are handed.</remarks>
internal sealed class ContractMm(CostCounters counters, MmTlbFlusher tlb) : IMmContext
{
    private readonly List<FolioPlacement> _folios = [];

    public bool IsUserMm => true;

    public ITlbFlusher Tlb => tlb;

    public ICostCounters Counters => counters;

    public IReadOnlyList<FolioPlacement> Folios => _folios;

    public void Add(FolioPlacement folio) => _folios.Add(folio);

    public void Clear() => _folios.Clear();

    public bool TryGetFolio(ulong pfn, out FolioExtent folio)
    {
        foreach (var f in _folios)
        {
            if (f.Folio.Contains(pfn))
            {
                folio = f.Folio;
                return true;
            }
        }

        folio = default;
        return false;
    }
}
