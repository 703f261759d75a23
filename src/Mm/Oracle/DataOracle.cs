using System.Globalization;

namespace ArchPgtable.Mm.Oracle;

/// <summary>
/// The data-integrity oracle: remembers, per address space and page, the last version written
/// and whether MADV_FREE has since allowed it to read back as zero. A read that returns
/// anything else is recorded as <see cref="DataLoss"/> (and, when another process wrote that version, as an isolation
/// <see cref="OracleViolation"/>). It also runs the permission and isolation oracles on every store
/// (<see cref="StoreAudit"/>) and, when asked, over a range of entries (<see cref="IsolationAudit"/>).
/// </summary>
/// <remarks>Kernel: none; the MADV_FREE contract (madvise(2)) checked on every read.</remarks>
public sealed class DataOracle
{
    private const long MayZero = 1L << 32;
    private const int HistoryLength = 4096;
    private readonly Dictionary<(int Mm, ulong Vpn), long> _expected = [];
    private readonly List<DataLoss> _losses = [];
    private readonly List<OracleViolation> _violations = [];
    private readonly Queue<(int Mm, ulong Start, ulong End, string What)> _history = new();
    private readonly int _pageShift;

    /// <summary>Creates an oracle for pages of 2^<paramref name="pageShift"/> bytes.</summary>
    public DataOracle(int pageShift) => _pageShift = pageShift;

    /// <summary>Every loss seen so far.</summary>
    public IReadOnlyList<DataLoss> Losses => _losses;

    /// <summary>Every permission and isolation violation seen so far (the permission and isolation oracles).</summary>
    public IReadOnlyList<OracleViolation> Violations => _violations;

    /// <summary>Stores checked by the permission and isolation oracles.</summary>
    public long StoresChecked { get; private set; }

    /// <summary>Reads checked.</summary>
    public long ReadsChecked { get; private set; }

    internal void OnMap(MmStruct mm, ulong start, ulong end) => Record(mm, start, end, "mmap");

    internal void Record(MmStruct mm, ulong start, ulong end, string what) => Record(mm.Id, start, end, what);

    internal void Record(int mmId, ulong start, ulong end, string what)
    {
        _history.Enqueue((mmId, start, end, what));
        if (_history.Count > HistoryLength)
        {
            _history.Dequeue();
        }
    }

    internal void OnWrite(MmStruct mm, ulong va, int version) => _expected[(mm.Id, va >> _pageShift)] = (uint)version;

    internal void OnRead(MmStruct mm, ulong va, ulong pfn, FolioExtent folio, int actual)
    {
        ReadsChecked++;
        var key = (mm.Id, va >> _pageShift);
        _expected.TryGetValue(key, out var state);
        var expected = (int)(state & 0xffffffffL);
        if (actual == expected)
        {
            return;
        }

        if ((state & MayZero) != 0 && actual == 0)
        {
            _expected[key] = 0;
            return;
        }

        var history = History(mm.Id, va);
        _losses.Add(new DataLoss(mm.Id, va, pfn, folio, expected, actual, history));
        foreach (var (k, v) in _expected)
        {
            if (k.Mm != mm.Id && (int)(v & 0xffffffffL) == actual && actual != 0)
            {
                _violations.Add(new OracleViolation(ViolationKind.Isolation, mm.Id, va, pfn,
                    string.Create(CultureInfo.InvariantCulture, $"read version {actual}, which mm {k.Mm} wrote at 0x{k.Vpn << _pageShift:x}"), history));
                break;
            }
        }
    }

    /// <summary>Checks a store that is about to complete (permission and isolation oracles).</summary>
    internal void OnStore(MmStruct mm, ulong va, ulong pfn)
    {
        StoresChecked++;
        StoreAudit.Check(this, mm, va, pfn);
    }

    internal void AddViolation(ViolationKind kind, MmStruct mm, ulong va, ulong pfn, string detail) =>
        _violations.Add(new OracleViolation(kind, mm.Id, va, pfn, detail, History(mm.Id, va)));

    private List<string> History(int mmId, ulong va) => _history
        .Where(h => h.Mm == mmId && h.Start <= va && va < h.End)
        .TakeLast(24)
        .Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.What} [0x{h.Start:x}, 0x{h.End:x})"))
        .ToList();

    /// <summary>Records a translation some agent still caches after the flush that should have removed it.</summary>
    internal void OnStaleTlbEntry(MmStruct mm, ulong va, ulong pfn, string detail) =>
        _losses.Add(new DataLoss(mm.Id, va, pfn, new FolioExtent(pfn, 1), -1, -1, []) { Detail = detail });

    internal void AllowZero(MmStruct mm, ulong start, ulong end)
    {
        for (var va = start; va < end; va += 1UL << _pageShift)
        {
            var key = (mm.Id, va >> _pageShift);
            _expected.TryGetValue(key, out var state);
            _expected[key] = state | MayZero;
        }
    }

    internal void Forget(MmStruct mm, ulong start, ulong end)
    {
        for (var va = start; va < end; va += 1UL << _pageShift)
        {
            _expected.Remove((mm.Id, va >> _pageShift));
        }
    }

    /// <summary>Moves what was expected at <c>[from, from+length)</c> to <c>[to, to+length)</c> in one address space (mremap).</summary>
    internal void MoveRange(MmStruct mm, ulong from, ulong to, ulong length)
    {
        Forget(mm, to, to + length);
        for (ulong off = 0; off < length; off += 1UL << _pageShift)
        {
            var key = (mm.Id, (from + off) >> _pageShift);
            if (_expected.Remove(key, out var state))
            {
                _expected[(mm.Id, (to + off) >> _pageShift)] = state;
            }
        }
    }

    internal void CopyRange(MmStruct from, MmStruct to, ulong start, ulong end)
    {
        for (var va = start; va < end; va += 1UL << _pageShift)
        {
            if (_expected.TryGetValue((from.Id, va >> _pageShift), out var state))
            {
                _expected[(to.Id, va >> _pageShift)] = state;
            }
        }
    }
}
